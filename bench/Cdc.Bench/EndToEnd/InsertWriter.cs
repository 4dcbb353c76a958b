using System.Diagnostics;
using Cdc.Bench.Transcode;
using Cdc.Schemas.Bson;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Bench.EndToEnd;

/// <summary>
/// Inserts N realistic documents (by default 0.5–4 KB, <see cref="DocumentGenerator"/>) as fast as one client can:
/// insert commands of <see cref="BatchSize"/> documents through the official MongoDB driver, all built (as BSON) before
/// the first write.
/// </summary>
internal sealed class InsertWriter
{
    public const int BatchSize = 1_000;

    private readonly List<byte[]> _commands = [];

    /// <summary>Different <paramref name="seed"/>s give different _ids, so two writers can fill one collection.</summary>
    public InsertWriter(string collection, int documents, int seed)
        : this(collection, documents, seed, 512, 4096)
    {
    }

    /// <summary>Documents of <paramref name="minBytes"/> (inclusive) to <paramref name="maxBytes"/> (exclusive) bytes, roughly.</summary>
    public InsertWriter(string collection, int documents, int seed, int minBytes, int maxBytes)
    {
        Documents = documents;
        var random = new Random(seed);
        var generator = new DocumentGenerator(random);
        var writer = new BsonWriter();
        var id = new byte[12];
        var now = 1_710_268_868_000L;
        for (var first = 0; first < documents; first += BatchSize)
        {
            writer.Reset();
            writer.WriteStartDocument();
            writer.WriteString("insert", collection);
            writer.WriteBoolean("ordered", true);
            writer.WriteStartArray("documents");
            var count = Math.Min(BatchSize, documents - first);
            for (var i = 0; i < count; i++)
            {
                random.NextBytes(id);
                writer.WriteStartDocument();
                generator.WriteBody(writer, id, random.Next(minBytes, maxBytes), now + first + i);
                writer.WriteEndDocument();
            }

            writer.WriteEndArray();
            writer.WriteEndDocument();
            _commands.Add(writer.ToArray());
        }
    }

    /// <summary>The insert commands' size per document: the documents' average BSON size plus a few bytes.</summary>
    public double BytesPerDocument => _commands.Sum(command => (double)command.Length) / Documents;

    public int Documents { get; }

    /// <summary>When the first insert command was sent (Stopwatch ticks), or 0.</summary>
    public long FirstWriteTimestamp { get; private set; }

    /// <summary>When the last insert command was answered (Stopwatch ticks), or 0.</summary>
    public long LastWriteTimestamp { get; private set; }

    public void Run(string uri, string database)
    {
        using var client = new MongoClient(uri);
        var target = client.GetDatabase(database);
        FirstWriteTimestamp = Stopwatch.GetTimestamp();
        foreach (var command in _commands)
        {
            using var document = new RawBsonDocument(command);
            target.RunCommand(new BsonDocumentCommand<BsonDocument>(document));
        }

        LastWriteTimestamp = Stopwatch.GetTimestamp();
    }
}
