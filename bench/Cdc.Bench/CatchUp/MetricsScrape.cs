using System.Globalization;

namespace Cdc.Bench.CatchUp;

/// <summary>
/// The figures the catchup benchmark reads from `cdc run`'s Prometheus text at /metrics: events handed to Kafka
/// (<c>cdc_events_published_total</c>, summed over operation types), events not yet acknowledged
/// (<c>cdc_in_flight_events</c>), and failures (<c>cdc_errors_total</c>, summed over kinds).
/// </summary>
internal readonly record struct MetricsScrape(long Published, long InFlight, long Errors)
{
    public static MetricsScrape Parse(string text)
    {
        long published = 0, inFlight = 0, errors = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("cdc_events_published_total", StringComparison.Ordinal))
            {
                published += Value(line);
            }
            else if (line.StartsWith("cdc_in_flight_events ", StringComparison.Ordinal))
            {
                inFlight = Value(line);
            }
            else if (line.StartsWith("cdc_errors_total", StringComparison.Ordinal))
            {
                errors += Value(line);
            }
        }

        return new MetricsScrape(published, inFlight, errors);
    }

    /// <summary>"name{labels} 123" or "name 123", possibly with a trailing timestamp.</summary>
    private static long Value(string line)
    {
        var afterLabels = line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : line.IndexOf(' ', StringComparison.Ordinal);
        var value = line[afterLabels..].Trim().Split(' ')[0];
        return (long)double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
