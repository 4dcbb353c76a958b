using System.Diagnostics.Metrics;

namespace Cdc.Connector.Observability;

/// <summary>
/// The Prometheus name of an instrument, per Prometheus's naming practice and OpenTelemetry's mapping: dots become
/// underscores, the base unit becomes a suffix (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>) unless the name
/// already ends with it, and counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    public static string For(Instrument instrument, bool isCounter)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = PrometheusText.SanitizeName(instrument.Name);
        var unit = instrument.Unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        if (unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal))
        {
            name += unit;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }
}
