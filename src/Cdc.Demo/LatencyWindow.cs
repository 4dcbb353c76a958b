namespace Cdc.Demo;

/// <summary>
/// End-to-end latencies of the last <see cref="Window"/> (for the live view's p50/p99): a ring of (time, latency)
/// samples, exact percentiles by sorting a copy of the samples still inside the window. Bounded memory: past
/// <paramref name="capacity"/> samples the oldest are dropped even if inside the window. Thread-safe.
/// </summary>
internal sealed class LatencyWindow(TimeSpan window, int capacity = 16_384)
{
    private readonly Lock _lock = new();
    private readonly long[] _times = new long[capacity];
    private readonly double[] _latencies = new double[capacity];
    private double[] _scratch = new double[Math.Min(capacity, 1024)];
    private int _next;
    private int _count;

    public TimeSpan Window { get; } = window;

    /// <summary>One sample taken at <paramref name="atMs"/> (Unix milliseconds).</summary>
    public void Add(long atMs, double latencyMs)
    {
        lock (_lock)
        {
            _times[_next] = atMs;
            _latencies[_next] = latencyMs;
            _next = (_next + 1) % _times.Length;
            _count = Math.Min(_count + 1, _times.Length);
        }
    }

    /// <summary>The p50 and p99 (nearest rank) of the samples within the window ending at <paramref name="nowMs"/>; null when there are none.</summary>
    public (double P50, double P99, int Samples)? Percentiles(long nowMs)
    {
        lock (_lock)
        {
            var from = nowMs - (long)Window.TotalMilliseconds;
            var n = 0;
            for (var i = 0; i < _count; i++)
            {
                var index = (_next - 1 - i + _times.Length) % _times.Length;
                if (_times[index] < from)
                {
                    // Samples arrive in time order: everything older is outside the window too.
                    break;
                }

                if (n == _scratch.Length)
                {
                    Array.Resize(ref _scratch, Math.Min(_scratch.Length * 2, _times.Length));
                }

                _scratch[n++] = _latencies[index];
            }

            if (n == 0)
            {
                return null;
            }

            var samples = _scratch.AsSpan(0, n);
            samples.Sort();
            return (NearestRank(samples, 0.50), NearestRank(samples, 0.99), n);
        }
    }

    /// <summary>The smallest sample such that at least <paramref name="quantile"/> of the samples are at or below it.</summary>
    internal static double NearestRank(ReadOnlySpan<double> sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
