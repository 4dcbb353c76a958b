using Cdc.Connector.Source;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// What a checkpoint store keeps for one pipeline: the committed stream position, the snapshot progress committed with it
/// (null when no snapshot was ever planned: a checkpoint written before snapshots existed, or snapshot.mode never), and
/// when it was committed.
/// </summary>
internal sealed record StoredCheckpoint(string Pipeline, ResumePosition Position, DateTimeOffset CommittedAt)
{
    public SnapshotProgress? Snapshot { get; init; }
}
