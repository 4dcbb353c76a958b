using System.Diagnostics;
using System.Text.Json.Nodes;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.MongoDb;

namespace Cdc.Connector.Tests.Source;

/// <summary>Reads a source until enough events came, it closed, or a deadline passed (never forever; 60 s unless given).</summary>
internal static class SourceReader
{
    public static List<JsonObject> Read(IChangeStreamSource source, int count, TimeSpan? timeout = null)
    {
        var events = new List<JsonObject>();
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (events.Count < count && clock.Elapsed < limit)
        {
            var read = source.Read(out var changeEvent, CancellationToken.None);
            if (read == ChangeStreamRead.Event)
            {
                events.Add(Bson.Node(changeEvent));
            }
            else if (read == ChangeStreamRead.Closed)
            {
                break;
            }
        }

        return events;
    }

    /// <summary>
    /// Reads until a batch ends with no event in it (the stream is idle: it had nothing newer) or the stream closes,
    /// and returns the events seen before.
    /// </summary>
    public static List<JsonObject> ReadToBatchEnd(IChangeStreamSource source)
    {
        var events = new List<JsonObject>();
        var clock = Stopwatch.StartNew();
        var eventsInBatch = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var read = source.Read(out var changeEvent, CancellationToken.None);
            if (read == ChangeStreamRead.Event)
            {
                events.Add(Bson.Node(changeEvent));
                eventsInBatch++;
            }
            else if (read == ChangeStreamRead.Closed || eventsInBatch == 0)
            {
                return events;
            }
            else
            {
                eventsInBatch = 0;
            }
        }

        throw new TimeoutException("The stream never ended a batch.");
    }

    public static string Describe(JsonObject changeEvent)
    {
        var operation = changeEvent["operationType"]!.GetValue<string>();
        var ns = changeEvent["ns"];
        var where = ns is null ? string.Empty : ns["coll"] is null ? $" {ns["db"]}" : $" {ns["db"]}.{ns["coll"]}";
        var id = changeEvent["documentKey"]?["_id"];
        return id is null ? operation + where : $"{operation}{where} {id.ToJsonString()}";
    }
}
