namespace Cdc.Connector.Source;

/// <summary>
/// One collection's place in a snapshot, as committed: the <c>_id</c> of the last document whose chunk Kafka acknowledged
/// (<see cref="LastId"/>, the BSON document <c>{_id: value}</c> so the value keeps its BSON type; null before the first
/// chunk), whether the collection is finished, and how many snapshot rows were published for it so far. Immutable.
/// </summary>
internal sealed class CollectionSnapshotProgress : IEquatable<CollectionSnapshotProgress>
{
    public CollectionSnapshotProgress(string database, string collection, string trigger, byte[]? lastId, bool done, long rows)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentException.ThrowIfNullOrEmpty(trigger);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (lastId is { Length: < 5 })
        {
            throw new ArgumentException("lastId is the BSON document {_id: value}.", nameof(lastId));
        }

        Database = database;
        Collection = collection;
        Trigger = trigger;
        LastId = lastId;
        Done = done;
        Rows = rows;
    }

    public string Database { get; }

    public string Collection { get; }

    /// <summary>"db.coll".</summary>
    public string Namespace => Database + "." + Collection;

    /// <summary>Why this collection is being snapshotted: <see cref="SnapshotTriggers"/>.</summary>
    public string Trigger { get; }

    /// <summary>The BSON document <c>{_id: value}</c> of the last document of the last acknowledged chunk; null before the first.</summary>
    public byte[]? LastId { get; }

    public bool Done { get; }

    /// <summary>Snapshot rows published for this collection (acknowledged, as far as this checkpoint knows).</summary>
    public long Rows { get; }

    public CollectionSnapshotProgress After(byte[]? lastId, bool done, long rowsAdded) =>
        new(Database, Collection, Trigger, lastId ?? LastId, done, Rows + rowsAdded);

    public bool Equals(CollectionSnapshotProgress? other) =>
        other is not null
        && Database == other.Database
        && Collection == other.Collection
        && Trigger == other.Trigger
        && Done == other.Done
        && Rows == other.Rows
        && (LastId is null ? other.LastId is null : other.LastId is not null && LastId.AsSpan().SequenceEqual(other.LastId));

    public override bool Equals(object? obj) => Equals(obj as CollectionSnapshotProgress);

    public override int GetHashCode() => HashCode.Combine(Database, Collection, Done, Rows);
}
