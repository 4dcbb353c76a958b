using System.Diagnostics;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Bench.Snapshot;

/// <summary>
/// The peer of the snapshot benchmark: the official C# driver's own <c>find</c> of the whole collection
/// (<c>Find(FilterDefinition.Empty)</c>, the driver's and the server's default batch sizes, readConcern local),
/// iterated to the end as <see cref="RawBsonDocument"/>, counting each document's BSON size and disposing it. It is the
/// least any reader on the driver can do, and the very driver (and version) the connector's snapshot reads with, so the
/// ratio isolates what the connector adds: chunking by <c>_id</c>, mapping, Kafka, the checkpoint.
/// </summary>
internal static class DriverFind
{
    public static DriverFindPass Read(string uri, string database, string collection, CancellationToken cancellationToken)
    {
        using var client = new MongoClient(uri);
        var source = client.GetDatabase(database).GetCollection<RawBsonDocument>(collection);

        // Connect (and pick the server) before the clock starts: the connector's figure starts after it connected too.
        client.GetDatabase("admin").RunCommand<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
        var started = Stopwatch.GetTimestamp();
        long rows = 0, bytes = 0;
        using (var cursor = source.Find(FilterDefinition<RawBsonDocument>.Empty).ToCursor(cancellationToken))
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

        return new DriverFindPass(rows, bytes, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
