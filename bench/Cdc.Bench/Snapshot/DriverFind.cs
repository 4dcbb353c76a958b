using System.Diagnostics;
using Cdc.Bench.Processes;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Bench.Snapshot;

/// <summary>
/// The peer of the snapshot benchmark: the official C# driver's own <c>find</c> of the whole collection
/// (<c>Find(FilterDefinition.Empty)</c>, the driver's and the server's default batch sizes, readConcern local),
/// iterated to the end as <see cref="RawBsonDocument"/>, counting each document's BSON size and disposing it. It is the
/// least any reader on the driver can do, and the very driver (and version) the connector's snapshot reads with, so the
/// ratio isolates what the connector adds: chunking by <c>_id</c>, mapping, Kafka, the checkpoint. With a batch size
/// (the benchmark passes snapshot.chunkSize) the server answers in replies of the connector's chunk size: the same
/// serving work per document as the snapshot's reads, without their sort, limit and one find per chunk.
/// </summary>
internal static class DriverFind
{
    /// <summary>One pass; <paramref name="batchSize"/> null leaves the batch sizes to the driver and the server (101, then up to 16 MiB).</summary>
    public static DriverFindPass Read(string uri, int sandboxProcessId, string database, string collection, int? batchSize, CancellationToken cancellationToken)
    {
        using var client = new MongoClient(uri);
        var source = client.GetDatabase(database).GetCollection<RawBsonDocument>(collection);

        // Connect (and pick the server) before the clock starts: the connector's figure starts after it connected too.
        client.GetDatabase("admin").RunCommand<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
        var sandboxCpu = ProcessStats.Read(sandboxProcessId).CpuSeconds;
        var cpu = ProcessCpu.Now();
        var started = Stopwatch.GetTimestamp();
        long rows = 0, bytes = 0;
        var options = batchSize is { } size ? new FindOptions { BatchSize = size } : null;
        using (var cursor = source.Find(FilterDefinition<RawBsonDocument>.Empty, options).ToCursor(cancellationToken))
        {
            while (cursor.MoveNext(cancellationToken))
            {
                foreach (var document in cursor.Current)
                {
                    using (document)
                    {
                        bytes += document.Slice.Length;
                        rows++;
                    }
                }
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new DriverFindPass(rows, bytes, seconds, (ProcessCpu.Now() - cpu).TotalSeconds, ProcessStats.Read(sandboxProcessId).CpuSeconds - sandboxCpu);
    }
}
