namespace Cdc.Demo;

/// <summary>
/// Every end-to-end latency of the run, for the final summary, in constant memory: logarithmic buckets 2% wide
/// (a percentile is reported as its bucket's upper bound, so within 2% above the true value), plus the exact maximum.
/// Thread-safe.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double Growth = 1.02;

    /// <summary>1.02^1400 ms is far beyond any latency worth reporting; larger values share the last bucket.</summary>
    private const int BucketCount = 1400;

    private static readonly double LogGrowth = Math.Log(Growth);

    private readonly Lock _lock = new();
    private readonly long[] _buckets = new long[BucketCount];
    private long _count;
    private double _max;

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public double Max
    {
        get
        {
            lock (_lock)
            {
                return _max;
            }
        }
    }

    public void Add(double latencyMs)
    {
        var value = Math.Max(0, latencyMs);
        lock (_lock)
        {
            _buckets[BucketOf(value)]++;
            _count++;
            _max = Math.Max(_max, value);
        }
    }

    /// <summary>The nearest-rank percentile's bucket upper bound (never above the maximum seen); null before any sample.</summary>
    public double? Percentile(double quantile)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                return null;
            }

            var rank = Math.Clamp((long)Math.Ceiling(quantile * _count), 1, _count);
            long seen = 0;
            for (var i = 0; i < _buckets.Length; i++)
            {
                seen += _buckets[i];
                if (seen >= rank)
                {
                    return Math.Min(UpperBound(i), _max);
                }
            }

            return _max;
        }
    }

    /// <summary>Bucket 0 holds [0, 1) ms; bucket i ≥ 1 holds [1.02^(i-1), 1.02^i) ms.</summary>
    private static int BucketOf(double ms) =>
        ms < 1 ? 0 : Math.Min(BucketCount - 1, (int)Math.Floor(Math.Log(ms) / LogGrowth) + 1);

    private static double UpperBound(int bucket) => Math.Pow(Growth, bucket);
}
