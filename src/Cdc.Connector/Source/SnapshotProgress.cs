namespace Cdc.Connector.Source;

/// <summary>
/// The snapshot part of the connector's offset: each snapshotted collection's progress, in the order they are read.
/// Committed beside the stream's resume position, so a restart continues each collection after its last acknowledged
/// chunk. Immutable: a chunk's end makes a new instance, and tracked events share the instance current when they were read.
/// </summary>
internal sealed class SnapshotProgress : IEquatable<SnapshotProgress>
{
    public SnapshotProgress(IReadOnlyList<CollectionSnapshotProgress> collections)
    {
        ArgumentNullException.ThrowIfNull(collections);
        Collections = collections;
    }

    public IReadOnlyList<CollectionSnapshotProgress> Collections { get; }

    /// <summary>Every collection is finished (also when there is none).</summary>
    public bool IsComplete => Collections.All(static collection => collection.Done);

    public int Remaining => Collections.Count(static collection => !collection.Done);

    public CollectionSnapshotProgress? Find(string database, string collection) =>
        Collections.FirstOrDefault(c => c.Database == database && c.Collection == collection);

    /// <summary>This progress with <paramref name="updated"/> in place of the entry of the same namespace (appended when new).</summary>
    public SnapshotProgress With(CollectionSnapshotProgress updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var list = new List<CollectionSnapshotProgress>(Collections.Count + 1);
        var replaced = false;
        foreach (var collection in Collections)
        {
            if (collection.Database == updated.Database && collection.Collection == updated.Collection)
            {
                list.Add(updated);
                replaced = true;
            }
            else
            {
                list.Add(collection);
            }
        }

        if (!replaced)
        {
            list.Add(updated);
        }

        return new SnapshotProgress(list);
    }

    /// <summary>For logs: "2 of 3 collections left (shop.orders: 12000 rows so far)".</summary>
    public string Describe()
    {
        var current = Collections.FirstOrDefault(static c => !c.Done);
        var left = $"{Remaining} of {Collections.Count} collections left";
        return current is null ? "complete" : $"{left} ({current.Namespace}: {current.Rows} rows so far)";
    }

    public bool Equals(SnapshotProgress? other) =>
        other is not null && Collections.SequenceEqual(other.Collections);

    public override bool Equals(object? obj) => Equals(obj as SnapshotProgress);

    public override int GetHashCode() => Collections.Count;
}
