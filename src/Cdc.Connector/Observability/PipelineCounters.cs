using Cdc.Connector.Sink;
using System.Collections.Concurrent;

namespace Cdc.Connector.Observability;

/// <summary>
/// The pipeline's running totals since the process started, for logs and for the metrics endpoint. Written by the
/// reading thread, read from anywhere; operation types are the mapper's cached strings, so counting allocates only
/// the first time a type is seen.
/// </summary>
internal sealed class PipelineCounters : IOversizeOutcomes
{
    private readonly ConcurrentDictionary<string, OperationTypeCount> _publishedByOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OperationTypeCount> _readByOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OperationTypeCount> _errorsByKind = new(StringComparer.Ordinal);
    private long _eventsRead;

    /// <summary>The snapshot reader's totals (rows read, emitted, dropped by a window; chunks; collections completed).</summary>
    public Source.SnapshotCounters SnapshotRows { get; } = new();

    private long _eventsPublished;
    private long _eventsSkipped;
    private long _tombstones;
    private long _deadLettered;
    private long _oversizeFailed;
    private long _oversizeDeadLettered;
    private long _oversizeReferenced;
    private long _restarts;
    private long _historyLostRestarts;
    private long _checkpointsCommitted;

    public long EventsRead => Interlocked.Read(ref _eventsRead);

    /// <summary>Events handed to the producer (their records, not yet necessarily acknowledged).</summary>
    public long EventsPublished => Interlocked.Read(ref _eventsPublished);

    /// <summary>Keyless events under mapping.keylessEvents=skip: counted, not published.</summary>
    public long EventsSkipped => Interlocked.Read(ref _eventsSkipped);

    public long Tombstones => Interlocked.Read(ref _tombstones);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Events whose record was over kafka.producer.message.max.bytes and stopped the connector (mapping.oversize=fail, or a reference that could not fit).</summary>
    public long OversizeFailed => Interlocked.Read(ref _oversizeFailed);

    /// <summary>Oversized events described by a small record in kafka.deadLetterTopic instead (mapping.oversize=deadLetter).</summary>
    public long OversizeDeadLettered => Interlocked.Read(ref _oversizeDeadLettered);

    /// <summary>Oversized events published with their largest bodies replaced by references (mapping.oversize=reference).</summary>
    public long OversizeReferenced => Interlocked.Read(ref _oversizeReferenced);

    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Restarts from now after the resume position was lost (mongodb.onHistoryLost=restartFromNow).</summary>
    public long HistoryLostRestarts => Interlocked.Read(ref _historyLostRestarts);

    public long CheckpointsCommitted => Interlocked.Read(ref _checkpointsCommitted);

    /// <summary>Published events per operation type (a snapshot).</summary>
    public IReadOnlyDictionary<string, long> PublishedByOperationType() => Snapshot(_publishedByOperation);

    /// <summary>Events read from the change stream per operation type (a snapshot).</summary>
    public IReadOnlyDictionary<string, long> ReadByOperationType() => Snapshot(_readByOperation);

    /// <summary>Failures per kind (see <see cref="ErrorKinds"/>), a snapshot.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind() => Snapshot(_errorsByKind);

    public void EventRead() => Interlocked.Increment(ref _eventsRead);

    /// <summary>An event was read and its operation type is known (after mapping).</summary>
    public void EventRead(string operationType)
    {
        Interlocked.Increment(ref _eventsRead);
        Increment(_readByOperation, operationType);
    }

    /// <summary>One failure of <paramref name="kind"/>: a cycle's cause or a failed checkpoint save.</summary>
    public void ErrorOccurred(string kind) => Increment(_errorsByKind, kind);

    public void EventPublished(string operationType)
    {
        Interlocked.Increment(ref _eventsPublished);
        Increment(_publishedByOperation, operationType);
    }

    public void EventSkipped() => Interlocked.Increment(ref _eventsSkipped);

    public void TombstonePublished() => Interlocked.Increment(ref _tombstones);

    public void EventDeadLettered() => Interlocked.Increment(ref _deadLettered);

    public void OversizeEventFailed() => Interlocked.Increment(ref _oversizeFailed);

    public void OversizeEventDeadLettered() => Interlocked.Increment(ref _oversizeDeadLettered);

    public void OversizeEventReferenced() => Interlocked.Increment(ref _oversizeReferenced);

    public void Restarted() => Interlocked.Increment(ref _restarts);

    public void RestartedAfterHistoryLost() => Interlocked.Increment(ref _historyLostRestarts);

    public void CheckpointCommitted() => Interlocked.Increment(ref _checkpointsCommitted);

    private static void Increment(ConcurrentDictionary<string, OperationTypeCount> counts, string key)
    {
        if (!counts.TryGetValue(key, out var count))
        {
            count = counts.GetOrAdd(key, static _ => new OperationTypeCount());
        }

        count.Increment();
    }

    private static Dictionary<string, long> Snapshot(ConcurrentDictionary<string, OperationTypeCount> counts)
    {
        var snapshot = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in counts)
        {
            snapshot[key] = count.Value;
        }

        return snapshot;
    }
}
