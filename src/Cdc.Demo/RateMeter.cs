namespace Cdc.Demo;

/// <summary>A per-second rate of a growing counter, over the samples of the last <paramref name="span"/> (smooths the view's 4 updates a second).</summary>
internal sealed class RateMeter(TimeSpan span)
{
    private readonly Queue<(long AtMs, long Value)> _samples = new();

    /// <summary>Records <paramref name="value"/> at <paramref name="atMs"/> and returns the rate since the oldest sample in the span (0 until two samples exist).</summary>
    public double Sample(long atMs, long value)
    {
        _samples.Enqueue((atMs, value));
        while (_samples.Count > 2 && _samples.Peek().AtMs < atMs - (long)span.TotalMilliseconds)
        {
            _samples.Dequeue();
        }

        var (oldestAt, oldestValue) = _samples.Peek();
        return atMs > oldestAt ? (value - oldestValue) * 1000.0 / (atMs - oldestAt) : 0;
    }
}
