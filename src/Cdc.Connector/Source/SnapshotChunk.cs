using Cdc.Schemas.Bson;

namespace Cdc.Connector.Source;

/// <summary>
/// One chunk of a collection as read: its documents (BSON, in <c>_id</c> order), the cluster time after the read (the
/// chunk's high watermark: the read saw a state at or before it), and whether the collection has nothing after them.
/// </summary>
internal sealed class SnapshotChunk
{
    public SnapshotChunk(IReadOnlyList<byte[]> documents, BsonTimestamp readTime, bool isLast)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Documents = documents;
        ReadTime = readTime;
        IsLast = isLast;
    }

    public IReadOnlyList<byte[]> Documents { get; }

    public BsonTimestamp ReadTime { get; }

    public bool IsLast { get; }
}
