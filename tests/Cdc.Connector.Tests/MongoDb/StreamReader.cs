using System.Diagnostics;
using System.Text.Json.Nodes;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.MongoDb;

/// <summary>
/// Reads a change stream opened with the official driver (an independent judge of what the server sent, not the
/// connector's own source) until enough events came, it closed, or a deadline passed (never forever).
/// </summary>
internal static class StreamReader
{
    public static IChangeStreamCursor<RawBsonDocument> Watch(IMongoClient client, string database, string? collection)
    {
        var options = new ChangeStreamOptions { MaxAwaitTime = TimeSpan.FromMilliseconds(200) };
        var pipeline = new EmptyPipelineDefinition<ChangeStreamDocument<BsonDocument>>()
            .As<ChangeStreamDocument<BsonDocument>, ChangeStreamDocument<BsonDocument>, RawBsonDocument>();
        var db = client.GetDatabase(database);
        return collection is null ? db.Watch(pipeline, options) : db.GetCollection<BsonDocument>(collection).Watch(pipeline, options);
    }

    public static List<JsonObject> ReadEvents(IChangeStreamCursor<RawBsonDocument> stream, int count, TimeSpan? timeout = null)
    {
        var events = new List<JsonObject>();
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (events.Count < count && clock.Elapsed < limit && stream.MoveNext())
        {
            foreach (var changeEvent in stream.Current)
            {
                events.Add(Bson.Node(changeEvent.ToBson()));
                changeEvent.Dispose();
            }
        }

        return events;
    }

    public static string Operation(JsonObject changeEvent) => changeEvent["operationType"]!.GetValue<string>();
}
