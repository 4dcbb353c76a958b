using System.Diagnostics;
using System.Text.Json.Nodes;
using Cdc.Connector.Interop.Mongoc;

namespace Cdc.Connector.Tests.Interop;

/// <summary>Reads a libmongoc change stream until enough events came or a deadline passed (never forever).</summary>
internal static class StreamReader
{
    public static List<JsonObject> ReadEvents(ChangeStream stream, int count, TimeSpan? timeout = null)
    {
        var events = new List<JsonObject>();
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (events.Count < count && clock.Elapsed < limit && !stream.IsClosed)
        {
            if (stream.TryNext(out var changeEvent))
            {
                events.Add(Bson.Node(changeEvent));
            }
        }

        return events;
    }

    public static string Operation(JsonObject changeEvent) => changeEvent["operationType"]!.GetValue<string>();
}
