namespace Cdc.Connector.Source;

/// <summary>
/// Where the pipeline can continue from, as committed: the change stream's position and, beside it, the snapshot progress
/// of that moment (null when no snapshot was ever planned). Stores keep it in a versioned format (CheckpointCodec).
/// </summary>
internal sealed record SourceOffset(ResumePosition Position, SnapshotProgress? Snapshot)
{
    /// <summary>For logs: the position, and the snapshot's state when one is in progress.</summary>
    public string Describe() =>
        Snapshot is { IsComplete: false } snapshot ? $"{Position.Describe()}; snapshot {snapshot.Describe()}" : Position.Describe();
}
