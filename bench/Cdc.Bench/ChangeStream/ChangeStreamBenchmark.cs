using Cdc.Bench.Processes;

namespace Cdc.Bench.ChangeStream;

/// <summary>
/// How fast one change stream is served and read: `cdc sandbox` in a process of its own, the official Node.js driver
/// as the reference reader (its figure includes its own decoding, so it is a lower bound for the server side), then the
/// same N events read in this process by the connector's <c>ChangeStreamSource</c> and by the C# driver alone
/// (<see cref="CSharpChangeStreamReaders"/>): events/s, the ratio to Node, and what each allocates per event.
/// </summary>
internal static class ChangeStreamBenchmark
{
    public const int DefaultEvents = 50_000;
    private const int MeasuredRounds = 5;

    public static async Task<ChangeStreamResult> RunAsync(int events, TextWriter log)
    {
        // Every insert must still be in the oplog when a reader gets to it, or the stream would fail with
        // ChangeStreamHistoryLost instead of measuring anything. One mock broker: Kafka is not used here.
        await using var sandbox = await SandboxProcess.StartAsync(Math.Max(100_000, events + 10_000), kafkaBrokers: 1).ConfigureAwait(false);
        log.WriteLine($"changestream: {events:N0} inserts, one stream, reader {NodeChangeStreamReader.Name} on {sandbox.MongoDbUri} (cdc sandbox, its own process)");
        var timeout = TimeSpan.FromSeconds(60 + (events / 1_000));

        // Before the peer's first write, so a stream opened at this time reads exactly the peer's N inserts.
        var start = MongoOperationTime.Now(sandbox.MongoDbUri);
        var nodeEventsPerSec = await Task.Run(() => NodeChangeStreamReader.Run(sandbox.MongoDbUri, events, timeout)).ConfigureAwait(false);
        log.WriteLine($"changestream: node {nodeEventsPerSec:N0} events/s, {nodeEventsPerSec / ChangeStreamResult.Limit:0.00}x the limit of {ChangeStreamResult.Limit:N0}");

        using var readers = new CSharpChangeStreamReaders(sandbox.MongoDbUri, start, events);
        using var deadline = new CancellationTokenSource(timeout * (2 + (2 * MeasuredRounds)));
        var result = await Task.Run(() =>
        {
            // Warm-up (JIT, connection pool), then alternating rounds so drift on the shared machine hits both alike.
            readers.ReadWithDriver(deadline.Token);
            readers.ReadWithSource(deadline.Token);
            var driver = new List<ChangeStreamPass>();
            var source = new List<ChangeStreamPass>();
            for (var round = 0; round < MeasuredRounds; round++)
            {
                driver.Add(readers.ReadWithDriver(deadline.Token));
                source.Add(readers.ReadWithSource(deadline.Token));
                log.WriteLine($"changestream: round {round + 1}: driver alone {driver[^1].EventsPerSec:N0} events/s, {driver[^1].AllocBytesPerEvent:N0} B/event; ChangeStreamSource {source[^1].EventsPerSec:N0} events/s, {source[^1].AllocBytesPerEvent:N0} B/event");
            }

            return new ChangeStreamResult(events, nodeEventsPerSec, NodeChangeStreamReader.Name, CSharpChangeStreamReaders.DriverVersion, source, driver);
        }).ConfigureAwait(false);
        log.WriteLine($"changestream: ChangeStreamSource {result.Source.EventsPerSec:N0} events/s ({result.SourceRatioToNode:0.00}x node), {result.Source.AllocBytesPerEvent:N0} B allocated per event; the driver alone {result.Driver.EventsPerSec:N0} events/s, {result.Driver.AllocBytesPerEvent:N0} B per event");
        return result;
    }
}
