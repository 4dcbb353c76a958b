namespace Cdc.Connector.Observability;

/// <summary>
/// One histogram series: a count per bucket (not cumulative; the writer accumulates) and the sum. Recording is
/// lock-free and allocation-free, for librdkafka's delivery thread.
/// </summary>
internal sealed class HistogramCells
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;

    public HistogramCells(double[] bounds)
    {
        _bounds = bounds;
        _counts = new long[bounds.Length + 1];
    }

    public void Record(double value)
    {
        var bucket = _bounds.Length;
        for (var i = 0; i < _bounds.Length; i++)
        {
            if (value <= _bounds[i])
            {
                bucket = i;
                break;
            }
        }

        Interlocked.Increment(ref _counts[bucket]);
        var sum = Volatile.Read(ref _sum);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _sum, sum + value, sum);
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(sum))
            {
                return;
            }

            sum = seen;
        }
    }

    /// <summary>The count of bucket <paramref name="index"/> alone; the last one is above every bound.</summary>
    public long CountAt(int index) => Volatile.Read(ref _counts[index]);

    public int BucketCount => _counts.Length;

    public double Sum => Volatile.Read(ref _sum);
}
