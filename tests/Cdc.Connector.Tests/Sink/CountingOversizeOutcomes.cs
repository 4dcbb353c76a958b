using Cdc.Connector.Sink;

namespace Cdc.Connector.Tests.Sink;

/// <summary>Counts the outcomes a publisher reports for records refused for their size after producing.</summary>
internal sealed class CountingOversizeOutcomes : IOversizeOutcomes
{
    private int _failed;
    private int _oversizeDeadLettered;
    private int _deadLettered;

    public int Failed => Volatile.Read(ref _failed);

    public int OversizeDeadLettered => Volatile.Read(ref _oversizeDeadLettered);

    public int DeadLettered => Volatile.Read(ref _deadLettered);

    public void OversizeEventFailed() => Interlocked.Increment(ref _failed);

    public void OversizeEventDeadLettered() => Interlocked.Increment(ref _oversizeDeadLettered);

    public void EventDeadLettered() => Interlocked.Increment(ref _deadLettered);
}
