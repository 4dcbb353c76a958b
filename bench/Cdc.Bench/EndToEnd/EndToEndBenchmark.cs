using System.Diagnostics;
using Cdc.Connector.Configuration;
using Cdc.Sandbox.Kafka;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Connector.Registry;

namespace Cdc.Bench.EndToEnd;

/// <summary>
/// The whole path in one process: the MongoDB emulator, the connector as `cdc run` wires it, the embedded Kafka.
/// <list type="number">
/// <item>Live: the connector's stream is open, one writer inserts N documents as fast as it can; events/s from the first
/// write to the last acknowledgement, and the latency the connector adds per event (tracked right after reading from
/// the change stream → acknowledged by Kafka). The writer alone is timed too: it bounds this figure.</item>
/// <item>Catch-up: the connector is stopped (final commit), N more documents are written, and a new connector resumes
/// from the file checkpoint and reads the backlog; events/s from the first event received to the last acknowledgement,
/// the connector's own capacity, not the writer's.</item>
/// </list>
/// Peak RSS is the whole process's (emulator, embedded Kafka and registry included); beside it, the RSS just before the
/// first connector started and how much writing the backlog grew it with no connector running (the emulator's share).
/// </summary>
internal static class EndToEndBenchmark
{
    public const int DefaultEvents = 20_000;
    private const string Database = "bench";
    private const string Collection = "e2e";
    private const string TopicPrefix = "e2e";
    private const int Partitions = 4;

    public static async Task<EndToEndResult> RunAsync(int events, TextWriter log)
    {
        var live = new InsertWriter(Collection, events, seed: 1);
        var backlog = new InsertWriter(Collection, events, seed: 2);
        var timeout = TimeSpan.FromSeconds(60 + (events / 500));
        var serverOptions = new MongoServerOptions { Port = 0, OplogCapacity = Math.Max(100_000, (2 * events) + 10_000) };
        await using var server = MongoServer.Start(serverOptions);
        using var cluster = new KafkaMockCluster(KafkaMockCluster.DefaultBrokerCount);
        cluster.CreateTopic($"{TopicPrefix}.{Database}.{Collection}", Partitions, cluster.BrokerCount);
        await using var registry = await InMemorySchemaRegistry.StartAsync().ConfigureAwait(false);
        using var registryClient = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url] });
        var directory = Directory.CreateTempSubdirectory("cdc-bench-e2e-");
        try
        {
            var checkpoint = Path.Combine(directory.FullName, "checkpoint.json");
            var options = ConfigurationLoader.Load(
                null,
                [
                    $"mongodb.uri={server.ConnectionString}", "mongodb.scope=collection", $"mongodb.database={Database}", $"mongodb.collection={Collection}",
                    $"kafka.bootstrapServers={cluster.BootstrapServers}", $"kafka.topicPrefix={TopicPrefix}", $"schemaRegistry.url={registry.Url}",
                    "checkpoint.store=file", $"checkpoint.path={checkpoint}", "pipeline.name=bench-e2e",
                ],
                new Dictionary<string, string>(StringComparer.Ordinal));
            ConfigurationLoader.ValidateForRun(options);
            log.WriteLine($"e2e: {events:N0} inserts into {Database}.{Collection} on {server.ConnectionString} → connector → embedded Kafka ({cluster.BrokerCount} brokers)");
            var rssBefore = PeakMemory.CurrentRssMb();

            EndToEndPhase livePhase;
            using (var recorder = new AckLatencyRecorder(events))
            using (var connector = new ConnectorRun(options, registryClient, recorder))
            {
                // The stream is open once the start position it captured is committed: only then may the writer start.
                connector.WaitFor(() => File.Exists(checkpoint), null, timeout, "the change stream to open (its start position committed)");
                var writing = Task.Factory.StartNew(() => live.Run(server.ConnectionString, Database), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                connector.WaitFor(() => recorder.WaitForAll(TimeSpan.FromMilliseconds(100)), writing, timeout, $"all {events:N0} live events to be acknowledged");
                await writing.ConfigureAwait(false);
                connector.Stop();
                livePhase = EndToEndPhase.From(recorder, events / Stopwatch.GetElapsedTime(live.FirstWriteTimestamp, recorder.LastAcknowledgedTimestamp).TotalSeconds);
            }

            var writeRate = events / Stopwatch.GetElapsedTime(live.FirstWriteTimestamp, live.LastWriteTimestamp).TotalSeconds;
            log.WriteLine($"e2e: live {livePhase.EventsPerSecond:N0} events/s (writer alone {writeRate:N0}/s), added latency p50 {livePhase.LatencyP50Ms:0.0} ms, p99 {livePhase.LatencyP99Ms:0.0} ms");

            // With no connector running, what the emulator alone takes to hold N more documents (and their oplog entries).
            var rssBeforeBacklog = PeakMemory.CurrentRssMb();
            backlog.Run(server.ConnectionString, Database);
            var backlogGrowth = PeakMemory.CurrentRssMb() - rssBeforeBacklog;
            EndToEndPhase catchUp;
            using (var recorder = new AckLatencyRecorder(events))
            using (var connector = new ConnectorRun(options, registryClient, recorder))
            {
                connector.WaitFor(() => recorder.WaitForAll(TimeSpan.FromMilliseconds(100)), null, timeout, $"all {events:N0} backlog events to be acknowledged");
                connector.Stop();
                catchUp = EndToEndPhase.From(recorder, events / Stopwatch.GetElapsedTime(recorder.FirstTrackedTimestamp, recorder.LastAcknowledgedTimestamp).TotalSeconds);
            }

            log.WriteLine($"e2e: catch-up {catchUp.EventsPerSecond:N0} events/s, added latency p50 {catchUp.LatencyP50Ms:0.0} ms, p99 {catchUp.LatencyP99Ms:0.0} ms");
            var result = new EndToEndResult(events, livePhase, writeRate, catchUp, PeakMemory.PeakRssMb(), rssBefore, backlogGrowth);
            log.WriteLine($"e2e: peak RSS {result.PeakRssMb:N0} MiB (whole process; {rssBefore:N0} MiB before the connector started; the backlog write alone grew it by {backlogGrowth:N0} MiB)");
            return result;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
