using System.Globalization;

namespace Cdc.Bench.EndToEnd;

/// <summary>
/// The connector's own <c>cdc_added_latency_seconds</c> histogram (read → acknowledged by Kafka) from its /metrics text:
/// the cumulative count of each bucket (<c>le</c>, in seconds, +Inf last). Two scrapes give a phase's histogram
/// (<see cref="Since"/>); its quantiles are interpolated linearly within the bucket they fall in, so they are only
/// as fine as the buckets (1, 2.5, 5, 10, 25, 50, 100 ms …).
/// </summary>
internal sealed class AddedLatencyHistogram
{
    private const string Bucket = "cdc_added_latency_seconds_bucket{";

    private readonly double[] _bounds;
    private readonly long[] _cumulative;

    private AddedLatencyHistogram(double[] bounds, long[] cumulative)
    {
        _bounds = bounds;
        _cumulative = cumulative;
    }

    /// <summary>Events counted (the +Inf bucket).</summary>
    public long Count => _cumulative.Length == 0 ? 0 : _cumulative[^1];

    /// <summary>The histogram in <paramref name="metrics"/>; empty when it has no value yet (it appears with the first acknowledgement).</summary>
    public static AddedLatencyHistogram Parse(string metrics)
    {
        var buckets = new SortedDictionary<double, long>();
        foreach (var line in metrics.Split('\n'))
        {
            if (!line.StartsWith(Bucket, StringComparison.Ordinal))
            {
                continue;
            }

            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = line[le..line.IndexOf('"', le)];
            var upper = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, NumberStyles.Float, CultureInfo.InvariantCulture);
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            // Summed per bound, should the exporter ever add labels that split the series.
            buckets[upper] = buckets.GetValueOrDefault(upper) + (long)double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return new AddedLatencyHistogram([.. buckets.Keys], [.. buckets.Values]);
    }

    /// <summary>What was counted between <paramref name="earlier"/> and this scrape.</summary>
    public AddedLatencyHistogram Since(AddedLatencyHistogram earlier)
    {
        var delta = new long[_cumulative.Length];
        for (var i = 0; i < delta.Length; i++)
        {
            var before = earlier._bounds.AsSpan().IndexOf(_bounds[i]) is var at and >= 0 ? earlier._cumulative[at] : 0;
            delta[i] = _cumulative[i] - before;
        }

        return new AddedLatencyHistogram(_bounds, delta);
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0–1) in milliseconds, interpolated linearly between the bounds of its bucket
    /// (from 0 in the first); in the +Inf bucket, the last finite bound. NaN when nothing was counted.
    /// </summary>
    public double QuantileMs(double quantile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = quantile * Count;
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (_cumulative[i] < rank)
            {
                continue;
            }

            var lower = i == 0 ? 0 : _bounds[i - 1];
            if (double.IsPositiveInfinity(_bounds[i]))
            {
                return lower * 1000;
            }

            var below = i == 0 ? 0 : _cumulative[i - 1];
            var inBucket = _cumulative[i] - below;
            var fraction = inBucket == 0 ? 1 : (rank - below) / inBucket;
            return (lower + (fraction * (_bounds[i] - lower))) * 1000;
        }

        return double.NaN;
    }

    /// <summary>The upper bound of the highest non-empty bucket in milliseconds (the last finite bound when that is +Inf); NaN when empty.</summary>
    public double MaxBoundMs()
    {
        for (var i = _cumulative.Length - 1; i >= 0; i--)
        {
            var below = i == 0 ? 0 : _cumulative[i - 1];
            if (_cumulative[i] > below)
            {
                return (double.IsPositiveInfinity(_bounds[i]) ? (i == 0 ? double.NaN : _bounds[i - 1]) : _bounds[i]) * 1000;
            }
        }

        return double.NaN;
    }
}
