namespace Cdc.Connector.Pipeline;

/// <summary>Why one pipeline cycle (one producer, one opened stream) ended.</summary>
internal enum CycleEnd
{
    /// <summary>Stop was requested (SIGTERM/SIGINT).</summary>
    Stopped,

    /// <summary>The source threw, a delivery failed, or the producer failed: see <see cref="CycleResult.Failure"/>.</summary>
    Failed,

    /// <summary>The stream closed after an invalidate event.</summary>
    Invalidated,

    /// <summary>snapshot.mode initialOnly: the snapshot is complete and every record of it was acknowledged.</summary>
    SnapshotCompleted,
}
