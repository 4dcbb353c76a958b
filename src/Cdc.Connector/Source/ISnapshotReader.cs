namespace Cdc.Connector.Source;

/// <summary>
/// Reads the documents that already exist, for snapshots: which collections are in scope, and one chunk of a collection
/// at a time in <c>_id</c> order (keyset pagination) with the cluster time after the read, the chunk's high watermark.
/// Errors are translated as the stream's are (<see cref="MongoDb.MongoFailureException"/>).
/// </summary>
internal interface ISnapshotReader
{
    /// <summary>The collections of the stream's scope that pass mongodb.* and snapshot.* namespace filters, by name.</summary>
    IReadOnlyList<SnapshotNamespace> ListCollections(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> documents after <paramref name="lastId"/> (the BSON document <c>{_id: value}</c>;
    /// null for the first chunk) in MongoDB's <c>_id</c> order across BSON types, read with readConcern majority.
    /// </summary>
    SnapshotChunk ReadChunk(SnapshotNamespace collection, byte[]? lastId, int limit, CancellationToken cancellationToken);

    /// <summary>The collection's estimated document count (metadata, not a scan), or null when unknown.</summary>
    long? EstimateCount(SnapshotNamespace collection, CancellationToken cancellationToken);
}
