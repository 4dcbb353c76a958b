using System.Diagnostics;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;

namespace Cdc.Bench.ChangeStream;

/// <summary>
/// The C# rows of the changestream benchmark: the same N insert events read from the same start time twice over,
/// <list type="bullet">
/// <item>by the connector's own <see cref="ChangeStreamSource"/> (<c>Watch&lt;RawBsonDocument&gt;</c>, each event a
/// span over the reply's buffer, a copy of the postBatchResumeToken per batch), as the pipeline reads it;</item>
/// <item>by the driver alone: a plain <c>Watch&lt;RawBsonDocument&gt;</c> cursor loop that counts and disposes each
/// document, the least any reader on the driver can do.</item>
/// </list>
/// Both use the Node peer's batchSize (5000) and maxAwaitTimeMS (100); both check the first and the last event are the
/// inserts of _id 0 and N-1; both include opening the stream in the timed window.
/// </summary>
internal sealed class CSharpChangeStreamReaders : IDisposable
{
    public const int BatchSize = 5_000;
    public const int MaxAwaitTimeMs = 100;
    public const string Database = "bench";
    public const string Collection = "events";

    private readonly MongoConnection _connection;
    private readonly MongoDbOptions _options;
    private readonly MongoClient _driverClient;
    private readonly Cdc.Schemas.Bson.BsonTimestamp _start;
    private readonly int _events;

    public CSharpChangeStreamReaders(string uri, Cdc.Schemas.Bson.BsonTimestamp start, int events)
    {
        _start = start;
        _events = events;
        _options = ConfigurationLoader.Load(
            null,
            [
                $"mongodb.uri={uri}", "mongodb.scope=collection", $"mongodb.database={Database}", $"mongodb.collection={Collection}",
                $"mongodb.batchSize={BatchSize}", $"mongodb.maxAwaitTimeMs={MaxAwaitTimeMs}",
            ],
            new Dictionary<string, string>(StringComparer.Ordinal)).MongoDb;
        _connection = new MongoConnection(uri, NullLoggerFactory.Instance, "cdc-bench");
        _driverClient = new MongoClient(uri);
    }

    /// <summary>The connector's <see cref="MongoDB.Driver"/> version, named in the result.</summary>
    public static string DriverVersion
    {
        get
        {
            var version = typeof(MongoClient).Assembly.GetName().Version!;
            return $"{version.Major}.{version.Minor}.{version.Build}";
        }
    }

    public ChangeStreamPass ReadWithSource(CancellationToken cancellationToken)
    {
        using var source = new ChangeStreamSource(_connection, _options, NullLogger<ChangeStreamSource>.Instance);
        var measure = Measure.Begin();
        source.Open(StartPosition.From(ResumePosition.FromOperationTime(_start), "benchmark"), cancellationToken);
        long bytes = 0;
        var read = 0;
        while (read < _events)
        {
            switch (source.Read(out var changeEvent, cancellationToken))
            {
                case ChangeStreamRead.Event:
                    if (read == 0 || read == _events - 1)
                    {
                        InsertEventCheck.Require(changeEvent, read);
                    }

                    bytes += changeEvent.Length;
                    read++;
                    break;
                case ChangeStreamRead.BatchEnd:
                    break;
                default:
                    throw new InvalidOperationException($"changestream: the stream closed after {read} of {_events} events.");
            }
        }

        return measure.End(_events, bytes);
    }

    public ChangeStreamPass ReadWithDriver(CancellationToken cancellationToken)
    {
        var collection = _driverClient.GetDatabase(Database).GetCollection<BsonDocument>(Collection);
        var pipeline = new EmptyPipelineDefinition<ChangeStreamDocument<BsonDocument>>()
            .As<ChangeStreamDocument<BsonDocument>, ChangeStreamDocument<BsonDocument>, RawBsonDocument>(RawBsonDocumentSerializer.Instance);
        var options = new ChangeStreamOptions
        {
            BatchSize = BatchSize,
            MaxAwaitTime = TimeSpan.FromMilliseconds(MaxAwaitTimeMs),
            StartAtOperationTime = new BsonTimestamp(((long)_start.Seconds << 32) | _start.Increment),
        };
        var measure = Measure.Begin();
        long bytes = 0;
        var read = 0;
        using (var cursor = collection.Watch(pipeline, options, cancellationToken))
        {
            while (read < _events && cursor.MoveNext(cancellationToken))
            {
                foreach (var document in cursor.Current)
                {
                    if (read == 0 || read == _events - 1)
                    {
                        // The driver's own accessors (they materialise the values; twice per pass).
                        var id = document["documentKey"]["_id"].AsInt32;
                        if (document["operationType"].AsString != "insert" || id != read)
                        {
                            throw new InvalidOperationException($"changestream: expected the insert of _id {read}, read {document}.");
                        }
                    }

                    bytes += document.Slice.Length;
                    read++;
                    document.Dispose();
                }
            }
        }

        return read == _events ? measure.End(_events, bytes) : throw new InvalidOperationException($"changestream: the driver's cursor ended after {read} of {_events} events.");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _driverClient.Dispose();
    }

    /// <summary>Wall clock, this process's CPU time and its allocated bytes at the start of a pass.</summary>
    private readonly record struct Measure(long Started, TimeSpan Cpu, long Allocated)
    {
        public static Measure Begin() => new(Stopwatch.GetTimestamp(), ProcessCpu.Now(), GC.GetTotalAllocatedBytes(precise: true));

        public ChangeStreamPass End(int events, long bytes)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - Allocated;
            var elapsed = Stopwatch.GetElapsedTime(Started).TotalSeconds;
            var cpu = (ProcessCpu.Now() - Cpu).TotalSeconds;
            return new ChangeStreamPass(events / elapsed, events / Math.Max(cpu, 1e-3), (double)allocated / events, (double)bytes / events);
        }
    }
}
