namespace Cdc.Connector.Sink;

/// <summary>
/// Exponential backoff with jitter: attempt n waits a random time between half and all of min(initial·2ⁿ, max), so
/// many connectors restarted by the same outage do not retry in lockstep.
/// </summary>
internal sealed class JitteredBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private int _attempt;

    public JitteredBackoff(TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, TimeSpan.Zero);
        _initial = initial;
        _max = max < initial ? initial : max;
    }

    /// <summary>Failures in a row so far.</summary>
    public int Attempt => _attempt;

    /// <summary>The delay before the next attempt; each call counts one more failure.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_attempt, 30);
        _attempt++;
        var ceiling = Math.Min(_initial.TotalMilliseconds * Math.Pow(2, exponent), _max.TotalMilliseconds);
        var half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + (Random.Shared.NextDouble() * half));
    }

    public void Reset() => _attempt = 0;
}
