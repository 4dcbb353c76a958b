namespace Cdc.Demo;

/// <summary>
/// When the demo's parts started and stopped. While the run goes on the view shows the time since the workload
/// started; once it is over (<see cref="Finished"/>) the length of the whole run and each part's count averaged over
/// the time that part ran: the workload until it stopped writing, the connector until it stopped, the consumer until
/// it drained. Rates of the last seconds would only fall towards zero by then.
/// </summary>
internal sealed class RunClock(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private long? _started;
    private long? _workloadStopped;
    private long? _connectorStopped;
    private long? _consumerDrained;

    /// <summary>The consumer drained: nothing moves any more.</summary>
    public bool Finished
    {
        get
        {
            lock (_lock)
            {
                return _consumerDrained is not null;
            }
        }
    }

    /// <summary>Since the workload started (zero before); once <see cref="Finished"/>, the length of the whole run.</summary>
    public TimeSpan Elapsed => Between(() => _started, () => _consumerDrained);

    /// <summary>How long the workload wrote.</summary>
    public TimeSpan WorkloadDuration => Between(() => _started, () => _workloadStopped);

    public void WorkloadStarted() => Mark(ref _started);

    public void WorkloadStopped() => Mark(ref _workloadStopped);

    public void ConnectorStopped() => Mark(ref _connectorStopped);

    public void ConsumerDrained() => Mark(ref _consumerDrained);

    /// <summary><paramref name="writes"/> per second of the time the workload wrote.</summary>
    public double WorkloadAverage(long writes) => PerSecond(writes, WorkloadDuration);

    /// <summary><paramref name="events"/> per second from the workload's start until the connector stopped.</summary>
    public double ConnectorAverage(long events) => PerSecond(events, Between(() => _started, () => _connectorStopped));

    /// <summary><paramref name="records"/> per second from the workload's start until the consumer drained.</summary>
    public double ConsumerAverage(long records) => PerSecond(records, Elapsed);

    private static double PerSecond(long count, TimeSpan span) => span > TimeSpan.Zero ? count / span.TotalSeconds : 0;

    private void Mark(ref long? moment)
    {
        lock (_lock)
        {
            moment ??= _time.GetTimestamp();
        }
    }

    /// <summary>From <paramref name="from"/> to <paramref name="to"/>, or to now while <paramref name="to"/> has not happened.</summary>
    private TimeSpan Between(Func<long?> from, Func<long?> to)
    {
        lock (_lock)
        {
            return from() is { } start ? _time.GetElapsedTime(start, to() ?? _time.GetTimestamp()) : TimeSpan.Zero;
        }
    }
}
