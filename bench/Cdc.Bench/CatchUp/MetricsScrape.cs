using System.Globalization;

namespace Cdc.Bench.CatchUp;

/// <summary>
/// The figures the catchup benchmark reads from `cdc run`'s Prometheus text at /metrics: events handed to Kafka
/// (<c>cdc_events_published_total</c>, summed over operation types), events not yet acknowledged
/// (<c>cdc_in_flight_events</c>), failures (<c>cdc_errors_total</c>, summed over kinds), pipeline restarts
/// (<c>cdc_restarts_total</c>) and whether the change stream is open (<c>cdc_pipeline_phase{phase="reading"}</c>).
/// </summary>
internal readonly record struct MetricsScrape(long Published, long InFlight, long Errors, long Restarts, bool Reading)
{
    public static MetricsScrape Parse(string text)
    {
        long published = 0, inFlight = 0, errors = 0, restarts = 0;
        var reading = false;
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
            else if (line.StartsWith("cdc_restarts_total", StringComparison.Ordinal))
            {
                restarts += Value(line);
            }
            else if (line.StartsWith("cdc_pipeline_phase{", StringComparison.Ordinal) && line.Contains("phase=\"reading\"", StringComparison.Ordinal))
            {
                reading = Value(line) == 1;
            }
        }

        return new MetricsScrape(published, inFlight, errors, restarts, reading);
    }

    /// <summary>"name{labels} 123" or "name 123", possibly with a trailing timestamp.</summary>
    private static long Value(string line)
    {
        var afterLabels = line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : line.IndexOf(' ', StringComparison.Ordinal);
        var value = line[afterLabels..].Trim().Split(' ')[0];
        return (long)double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
