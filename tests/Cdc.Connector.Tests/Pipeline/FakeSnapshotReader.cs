using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>Collections in memory for snapshot tests: documents with int32 <c>_id</c>s, read in chunks at a scripted read time.</summary>
internal sealed class FakeSnapshotReader : ISnapshotReader
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SnapshotNamespace, SortedDictionary<int, byte[]>> _collections = [];
    private int _chunksRead;

    /// <summary>The cluster time each chunk read reports as its high watermark.</summary>
    public BsonTimestamp ReadTime { get; set; } = new(1, 1);

    /// <summary>Per collection name, a read time that overrides <see cref="ReadTime"/> for its chunks.</summary>
    public Dictionary<string, BsonTimestamp> ReadTimeOf { get; } = new(StringComparer.Ordinal);

    /// <summary>Chunk reads begun so far (a read ahead on another thread counts when it begins).</summary>
    public int ChunksRead => Volatile.Read(ref _chunksRead);

    public void Put(string database, string collection, int id, string text)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteInt32("_id", id);
        writer.WriteString("text", text);
        writer.WriteEndDocument();
        lock (_lock)
        {
            var name = new SnapshotNamespace(database, collection);
            if (!_collections.TryGetValue(name, out var documents))
            {
                documents = [];
                _collections[name] = documents;
            }

            documents[id] = writer.ToArray();
        }
    }

    public IReadOnlyList<SnapshotNamespace> ListCollections(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return [.. _collections.Keys.OrderBy(name => name.ToString(), StringComparer.Ordinal)];
        }
    }

    public SnapshotChunk ReadChunk(SnapshotNamespace collection, byte[]? lastId, int limit, CancellationToken cancellationToken)
    {
        var after = int.MinValue;
        if (lastId is not null)
        {
            var reader = new BsonReader(lastId);
            reader.MoveNext();
            after = reader.Current.GetInt32();
        }

        lock (_lock)
        {
            Interlocked.Increment(ref _chunksRead);
            var documents = _collections.TryGetValue(collection, out var all)
                ? all.Where(pair => lastId is null || pair.Key > after).Take(limit).Select(pair => pair.Value).ToList()
                : [];
            var readTime = ReadTimeOf.TryGetValue(collection.Collection, out var own) ? own : ReadTime;
            return new SnapshotChunk(documents, readTime, isLast: documents.Count < limit);
        }
    }

    public long? EstimateCount(SnapshotNamespace collection, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _collections.TryGetValue(collection, out var all) ? all.Count : 0;
        }
    }
}
