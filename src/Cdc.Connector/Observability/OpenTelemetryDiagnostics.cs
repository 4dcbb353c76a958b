using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Observability;

/// <summary>
/// Brings the OpenTelemetry SDK's own warnings and errors (an OTLP export that failed, a measurement dropped) into the
/// connector's log as event 904: the SDK reports them only on its EventSources. <paramref name="redact"/> hides what
/// the messages must not show (the OTLP URL's password). One line per problem, e.g. "OpenTelemetry-Exporter-
/// OpenTelemetryProtocol: Exporter failed send data to collector to http://…/v1/metrics endpoint. Data will not be sent.
/// Exception: System.Net.Http.HttpRequestException: Connection refused (…)" at every failed export.
/// </summary>
internal sealed class OpenTelemetryDiagnostics(ILogger logger, Func<string, string> redact) : EventListener
{
    private const string SourcePrefix = "OpenTelemetry-";

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        // Also called from the base constructor, for the sources that already exist.
        if (eventSource.Name.StartsWith(SourcePrefix, StringComparison.Ordinal))
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }

        base.OnEventSourceCreated(eventSource);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!eventData.EventSource.Name.StartsWith(SourcePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var message = eventData.Message is { Length: > 0 } format && eventData.Payload is { Count: > 0 } payload
            ? string.Format(CultureInfo.InvariantCulture, format, [.. payload])
            : eventData.Message ?? eventData.EventName ?? string.Empty;
        // An exception's text comes with its stack trace: its first line says what failed.
        var firstLine = message.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0 ? message[..end].TrimEnd('\r') : message;
        OperationsLog.OpenTelemetryProblem(logger, eventData.EventSource.Name, redact(firstLine));
    }
}
