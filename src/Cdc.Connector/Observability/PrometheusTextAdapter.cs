using Microsoft.AspNetCore.Http;

namespace Cdc.Connector.Observability;

/// <summary>
/// Runs in front of OpenTelemetry's Prometheus exporter at GET /metrics and keeps the exposition what it always was:
/// <list type="bullet">
/// <item>the Prometheus text format 0.0.4 whatever the scraper accepts (the exporter would answer OpenMetrics to a
/// Prometheus server, where a counter's family is named without <c>_total</c>);</item>
/// <item>a series without labels written <c>name value</c>: the exporter (1.20.1-beta.1) writes <c>name{} value</c>
/// once its scope labels are turned off. Prometheus reads both as the same series, but line-based readers
/// (<c>grep '^cdc_in_flight_events '</c>, the catchup benchmark) do not.</item>
/// </list>
/// The body is a few kilobytes, buffered and rewritten in place.
/// </summary>
internal static class PrometheusTextAdapter
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.Request.Headers.Accept = "text/plain";
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = body;
        }

        var length = StripEmptyLabelSets(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        context.Response.ContentLength = length;
        await body.WriteAsync(buffer.GetBuffer().AsMemory(0, length), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes "{}" right after the metric name on every sample line (not on # lines); returns the new length. A metric
    /// name cannot contain '{', so the first '{' of a sample line opens its label set, and a label value's "{}" (always
    /// after a '="') is left alone.
    /// </summary>
    public static int StripEmptyLabelSets(Span<byte> text)
    {
        var write = 0;
        var read = 0;
        while (read < text.Length)
        {
            var end = text[read..].IndexOf((byte)'\n');
            var lineEnd = end < 0 ? text.Length : read + end + 1;
            var line = text[read..lineEnd];
            var brace = line.Length > 0 && line[0] != (byte)'#' ? line.IndexOf((byte)'{') : -1;
            if (brace > 0 && brace + 1 < line.Length && line[brace + 1] == (byte)'}')
            {
                line[..brace].CopyTo(text[write..]);
                write += brace;
                line[(brace + 2)..].CopyTo(text[write..]);
                write += line.Length - brace - 2;
            }
            else
            {
                line.CopyTo(text[write..]);
                write += line.Length;
            }

            read = lineEnd;
        }

        return write;
    }
}
