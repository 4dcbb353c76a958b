using System.Diagnostics;
using Cdc.Connector.Checkpoint;

namespace Cdc.Bench;

/// <summary>
/// Hears the pipeline's acknowledged events (<see cref="IAckLatencyObserver"/>): counts them, keeps each one's
/// tracked-to-acknowledged time, and notes the moment the expected count was reached. Lock-free: one slot per event.
/// </summary>
internal sealed class AckLatencyRecorder : IAckLatencyObserver, IDisposable
{
    private readonly long[] _latencyTicks;
    private readonly ManualResetEventSlim _allAcknowledged = new();
    private int _count;
    private long _lastAcknowledged;
    private long _firstTracked = long.MaxValue;

    public AckLatencyRecorder(int expectedEvents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedEvents, 1);
        _latencyTicks = new long[expectedEvents];
    }

    public int Acknowledged => Math.Min(Volatile.Read(ref _count), _latencyTicks.Length);

    /// <summary>When the last expected event was acknowledged (Stopwatch ticks); valid once <see cref="WaitForAll"/> returned true.</summary>
    public long LastAcknowledgedTimestamp => Volatile.Read(ref _lastAcknowledged);

    /// <summary>When the earliest acknowledged event was tracked, i.e. received by the pipeline (Stopwatch ticks).</summary>
    public long FirstTrackedTimestamp => Volatile.Read(ref _firstTracked);

    void IAckLatencyObserver.Acknowledged(long trackedTimestamp, long acknowledgedTimestamp)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index >= _latencyTicks.Length)
        {
            return;
        }

        _latencyTicks[index] = acknowledgedTimestamp - trackedTimestamp;
        var first = Volatile.Read(ref _firstTracked);
        while (trackedTimestamp < first)
        {
            var seen = Interlocked.CompareExchange(ref _firstTracked, trackedTimestamp, first);
            if (seen == first)
            {
                break;
            }

            first = seen;
        }

        if (index == _latencyTicks.Length - 1)
        {
            Volatile.Write(ref _lastAcknowledged, acknowledgedTimestamp);
            _allAcknowledged.Set();
        }
    }

    public bool WaitForAll(TimeSpan timeout) => _allAcknowledged.Wait(timeout);

    /// <summary>The latency at <paramref name="percentile"/> (0–100, nearest rank) in milliseconds, over the events acknowledged so far.</summary>
    public double PercentileMs(double percentile)
    {
        var count = Acknowledged;
        if (count == 0)
        {
            return 0;
        }

        var sorted = _latencyTicks.AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percentile / 100 * count);
        return sorted[Math.Clamp(rank, 1, count) - 1] * 1000.0 / Stopwatch.Frequency;
    }

    public void Dispose() => _allAcknowledged.Dispose();
}
