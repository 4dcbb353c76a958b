using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Cdc.Bench.Transcode;
using Cdc.Schemas.Bson;
using MongoDB.Bson;
using MongoDB.Driver;
using BsonType = Cdc.Schemas.Bson.BsonType;

namespace Cdc.Bench.EndToEnd;

/// <summary>
/// Inserts documents of about 1 KB at a fixed total rate until stopped: <see cref="Writers"/> tasks, each with a client
/// (and so connections) of its own, each sending one insert every <see cref="Tick"/> of as many documents as its share
/// of the rate is behind the wall clock, so a slow reply is made up at the next tick rather than lowering the rate.
/// The documents are copies of a pool built beforehand with a fresh <c>_id</c> each, so writing costs little CPU.
/// </summary>
internal sealed class PacedInsertWriters : IDisposable
{
    public const int Writers = 4;
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private const int PoolSize = 512;

    // "_id" is the generator's first field: length (4), type (1), "_id\0" (4), then the ObjectId's 12 bytes.
    private const int IdOffset = 9;

    private readonly List<byte[]> _pool = [];
    private readonly MongoClient[] _clients;
    private readonly string _database;
    private readonly string _collection;
    private long _nextId;
    private long _written;

    public PacedInsertWriters(string uri, string database, string collection, int seed)
    {
        _database = database;
        _collection = collection;
        var random = new Random(seed);
        var generator = new DocumentGenerator(random);
        var writer = new BsonWriter();
        var id = new byte[12];
        for (var i = 0; i < PoolSize; i++)
        {
            writer.Reset();
            writer.WriteStartDocument();
            generator.WriteBody(writer, id, random.Next(1_000, 1_400), 1_710_268_868_000L + i);
            writer.WriteEndDocument();
            var document = writer.ToArray();
            if (document[4] != (byte)BsonType.ObjectId || document[5] != (byte)'_' || document[6] != (byte)'i' || document[7] != (byte)'d' || document[8] != 0)
            {
                throw new InvalidOperationException("e2e: the document generator no longer writes _id first; PacedInsertWriters cannot give each copy a fresh _id.");
            }

            _pool.Add(document);
        }

        _nextId = (long)random.Next() << 24;
        _clients = [.. Enumerable.Range(0, Writers).Select(_ => new MongoClient(uri))];
    }

    public double BytesPerDocument => _pool.Average(document => (double)document.Length);

    /// <summary>Documents written since this object was made (acknowledged by the server).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Writes at <paramref name="eventsPerSecond"/> in total until the returned run is stopped; each writer task ends with the time of its last reply.</summary>
    public PacedRun Start(double eventsPerSecond)
    {
        var stop = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var writtenBefore = Written;
        var tasks = _clients.Select((client, index) => Task.Run(() => WriteAsync(client, index, eventsPerSecond / Writers, started, stop.Token))).ToArray();
        return new PacedRun(this, stop, tasks, started, writtenBefore, eventsPerSecond);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private async Task<long> WriteAsync(MongoClient client, int writer, double rate, long started, CancellationToken stop)
    {
        var database = client.GetDatabase(_database);
        var command = new BsonWriter();
        var scratch = new byte[_pool.Max(document => document.Length)];
        var poolIndex = writer * (PoolSize / Writers);
        long sent = 0;
        var lastReply = started;
        for (var tick = 0L; !stop.IsCancellationRequested; tick++)
        {
            var due = (long)(rate * Stopwatch.GetElapsedTime(started).TotalSeconds) - sent;
            if (due > 0)
            {
                command.Reset();
                command.WriteStartDocument();
                command.WriteString("insert", _collection);
                command.WriteBoolean("ordered", false);
                command.WriteStartArray("documents");
                for (var i = 0; i < due; i++)
                {
                    var document = _pool[poolIndex++ % PoolSize];
                    document.CopyTo(scratch, 0);
                    var id = Interlocked.Increment(ref _nextId);
                    BinaryPrimitives.WriteInt32BigEndian(scratch.AsSpan(IdOffset), writer);
                    BinaryPrimitives.WriteInt64BigEndian(scratch.AsSpan(IdOffset + 4), id);
                    command.WriteRawValue(i.ToString(CultureInfo.InvariantCulture), BsonType.Document, scratch.AsSpan(0, document.Length));
                }

                command.WriteEndArray();
                command.WriteEndDocument();
                using var raw = new RawBsonDocument(command.ToArray());
                // Not cancelled mid-flight: an insert the server applied must be counted.
                var reply = await database.RunCommandAsync(new BsonDocumentCommand<BsonDocument>(raw), cancellationToken: CancellationToken.None).ConfigureAwait(false);
                var inserted = reply.GetValue("n", 0).ToInt32();
                if (inserted != due)
                {
                    throw new InvalidOperationException($"e2e: an insert of {due} documents into {_database}.{_collection} inserted {inserted}: {reply}");
                }

                sent += due;
                Interlocked.Add(ref _written, due);
                lastReply = Stopwatch.GetTimestamp();
            }

            var next = Tick * (tick + 1);
            var wait = next - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return lastReply;
                }
            }
        }

        return lastReply;
    }
}
