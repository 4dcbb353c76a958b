using Cdc.Sandbox.MongoDb.Server;

namespace Cdc.Bench.ChangeStream;

/// <summary>
/// How fast the MongoDB emulator serves one change stream: an in-process server on 127.0.0.1, the official Node.js
/// driver as the reader. The figure includes the driver's own decoding, so it is a lower bound for the server side.
/// </summary>
internal static class ChangeStreamBenchmark
{
    public const int DefaultEvents = 50_000;

    public static async Task<ChangeStreamResult> RunAsync(int events, TextWriter log)
    {
        // Every insert must still be in the oplog when the reader gets to it, or the stream would fail with
        // ChangeStreamHistoryLost instead of measuring anything.
        var options = new MongoServerOptions { Port = 0, OplogCapacity = Math.Max(100_000, events + 10_000) };
        await using var server = MongoServer.Start(options);
        log.WriteLine($"changestream: {events:N0} inserts, one stream, reader {NodeChangeStreamReader.Name} on {server.ConnectionString}");
        var timeout = TimeSpan.FromSeconds(60 + (events / 1_000));
        var eventsPerSec = await Task.Run(() => NodeChangeStreamReader.Run(server.ConnectionString, events, timeout)).ConfigureAwait(false);
        var result = new ChangeStreamResult(events, eventsPerSec, NodeChangeStreamReader.Name);
        log.WriteLine($"changestream: {eventsPerSec:N0} events/s, {result.RatioToLimit:0.00}x the limit of {ChangeStreamResult.Limit:N0}");
        return result;
    }
}
