using Cdc.Schemas.Bson;

namespace Cdc.Connector.Source;

/// <summary>
/// One chunk between its read and its emission (the DBLog window). Every change event on one of its keys read after the
/// chunk removes that key's row: the stream carries a state at least as new. When the stream passes the chunk's read
/// time, the rows left are emitted there, so no row ever follows a newer change of its document.
/// </summary>
internal sealed class SnapshotWindow
{
    private readonly Dictionary<byte[], int> _rowsById;
    private readonly bool[] _dropped;

    public SnapshotWindow(CollectionSnapshotProgress progress, SnapshotChunk chunk, long readBatch)
    {
        Progress = progress;
        Namespace = new SnapshotNamespace(progress.Database, progress.Collection);
        Chunk = chunk;
        ReadBatch = readBatch;
        _dropped = new bool[chunk.Documents.Count];
        _rowsById = new Dictionary<byte[], int>(chunk.Documents.Count, IdBytesComparer.Instance);
        for (var i = 0; i < chunk.Documents.Count; i++)
        {
            _rowsById[IdKey(chunk.Documents[i])] = i;
        }

        if (chunk.Documents.Count > 0)
        {
            var last = IdKey(chunk.Documents[^1]);
            var writer = new BsonWriter();
            writer.WriteStartDocument();
            writer.WriteRawValue("_id", (BsonType)last[0], last.AsSpan(1));
            writer.WriteEndDocument();
            LastId = writer.ToArray();
        }
    }

    /// <summary>The collection's committed progress when the chunk was read.</summary>
    public CollectionSnapshotProgress Progress { get; }

    public SnapshotNamespace Namespace { get; }

    public SnapshotChunk Chunk { get; }

    /// <summary>The stream's batch count when the chunk was read: an empty batch counted after it closes the window.</summary>
    public long ReadBatch { get; }

    /// <summary>The chunk's last <c>_id</c> as <c>{_id: value}</c>, or null for an empty chunk.</summary>
    public byte[]? LastId { get; }

    /// <summary>The collection is gone (dropped, renamed): no row of it is emitted, and it is finished.</summary>
    public bool Abandoned { get; private set; }

    public int DroppedRows { get; private set; }

    public bool IsDropped(int row) => Abandoned || _dropped[row];

    /// <summary>Removes the row of the document whose <c>_id</c> element (type tag followed by value) is <paramref name="typedId"/>.</summary>
    public bool Drop(ReadOnlySpan<byte> typedId)
    {
        var lookup = _rowsById.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(typedId, out var row) || _dropped[row])
        {
            return false;
        }

        _dropped[row] = true;
        DroppedRows++;
        return true;
    }

    public void Abandon() => Abandoned = true;

    /// <summary>The document's <c>_id</c> as type tag + value bytes, the key of the index.</summary>
    private static byte[] IdKey(byte[] document)
    {
        var reader = new BsonReader(document);
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("_id"u8))
            {
                var value = reader.Current.Value;
                var key = new byte[value.Length + 1];
                key[0] = (byte)reader.Current.Type;
                value.CopyTo(key.AsSpan(1));
                return key;
            }
        }

        throw new BsonFormatException(0, "a document read for a snapshot has no _id");
    }
}
