namespace Cdc.Connector.Source;

/// <summary>
/// `cdc snapshot`'s request to the running connector: snapshot these collections again (the same algorithm as the
/// initial snapshot). Delivered through the checkpoint store (<see cref="ISnapshotRequestChannel"/>), so only who may
/// write the pipeline's checkpoint may ask.
/// </summary>
internal sealed record SnapshotRequest(string Id, IReadOnlyList<SnapshotNamespace> Collections, DateTimeOffset RequestedAt, string RequestedBy)
{
    /// <summary>The trigger the collections of this request carry in the snapshot progress: "requested:&lt;id&gt;".</summary>
    public string Trigger => SnapshotTriggers.Requested + ":" + Id;

    public static SnapshotRequest Create(IReadOnlyList<SnapshotNamespace> collections, DateTimeOffset now, string requestedBy) =>
        new(Guid.NewGuid().ToString("N")[..12], collections, now, requestedBy);
}
