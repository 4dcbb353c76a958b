using System.Diagnostics;
using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Sink;
using Cdc.Sandbox.Kafka;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Bench.EndToEnd;

/// <summary>
/// The whole path in one process: the MongoDB emulator, the connector as `cdc run` wires it (libmongoc change stream,
/// Kafka publisher, file checkpoint store, Schema Registry client), the embedded Kafka; one writer inserting N documents
/// as fast as it can. Measures events/s from the first write to the last acknowledgement, the latency the connector
/// adds per event (tracked after reading from libmongoc → acknowledged by Kafka) and the process's peak RSS.
/// </summary>
internal static class EndToEndBenchmark
{
    public const int DefaultEvents = 50_000;
    private const string Database = "bench";
    private const string Collection = "e2e";
    private const string TopicPrefix = "e2e";
    private const int Partitions = 4;

    public static async Task<EndToEndResult> RunAsync(int events, TextWriter log)
    {
        var writer = new InsertWriter(Collection, events);
        var timeout = TimeSpan.FromSeconds(60 + (events / 500));
        var serverOptions = new MongoServerOptions { Port = 0, OplogCapacity = Math.Max(100_000, events + 10_000) };
        await using var server = MongoServer.Start(serverOptions);
        using var cluster = new KafkaMockCluster(KafkaMockCluster.DefaultBrokerCount);
        cluster.CreateTopic($"{TopicPrefix}.{Database}.{Collection}", Partitions, cluster.BrokerCount);
        await using var registry = await InMemorySchemaRegistry.StartAsync().ConfigureAwait(false);
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

            using var recorder = new AckLatencyRecorder(events);
            using var registryClient = new SchemaRegistryClient(new SchemaRegistryOptions { Urls = [registry.Url] });
            using var environment = new ConnectorEnvironment(options, NullLoggerFactory.Instance);
            var schemaIds = new SchemaIdCache(registryClient, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);
            var settings = PipelineSettings.From(options) with { AckLatencyObserver = recorder };
            var runner = new PipelineRunner(environment, settings, MappingOptionsFactory.Create(options), schemaIds, NullLogger.Instance);
            using var stop = new CancellationTokenSource();
            var exit = runner.Start(stop.Token);
            try
            {
                // The stream is open once the start position it captured is committed: only then may the writer start.
                WaitFor(() => File.Exists(checkpoint), exit, null, timeout, "the change stream to open (its start position committed)");
                var writing = Task.Factory.StartNew(() => writer.Run(server.ConnectionString, Database), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                WaitFor(() => recorder.WaitForAll(TimeSpan.FromMilliseconds(100)), exit, writing, timeout, $"all {events:N0} events to be acknowledged ({recorder.Acknowledged:N0} so far)");
                await writing.ConfigureAwait(false);
            }
            finally
            {
                stop.Cancel();
            }

            var result = await exit.WaitAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
            if (result.Error is not null)
            {
                throw new InvalidOperationException($"e2e: the connector stopped with an error: {result.Error}");
            }

            var seconds = Stopwatch.GetElapsedTime(writer.FirstWriteTimestamp, recorder.LastAcknowledgedTimestamp).TotalSeconds;
            var writeSeconds = Stopwatch.GetElapsedTime(writer.FirstWriteTimestamp, writer.LastWriteTimestamp).TotalSeconds;
            var figures = new EndToEndResult(
                events, events / seconds, events / writeSeconds, recorder.PercentileMs(50), recorder.PercentileMs(99), recorder.PercentileMs(100), PeakMemory.PeakRssMb());
            log.WriteLine($"e2e: {figures.EventsPerSecond:N0} events/s end to end (writer alone {figures.WriteEventsPerSecond:N0}/s), added latency p50 {figures.LatencyP50Ms:0.0} ms, p99 {figures.LatencyP99Ms:0.0} ms, peak RSS {figures.PeakRssMb:N0} MiB");
            return figures;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Polls <paramref name="condition"/>, failing fast when the connector or the writer ended first.</summary>
    private static void WaitFor(Func<bool> condition, Task<PipelineExit> exit, Task? writing, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (exit.IsCompleted)
            {
                throw new InvalidOperationException($"e2e: the connector stopped while waiting for {what}: {exit.Result.Error ?? "no error"}.");
            }

            if (writing is { IsFaulted: true })
            {
                throw new InvalidOperationException($"e2e: the writer failed while waiting for {what}.", writing.Exception);
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"e2e: timed out after {timeout.TotalSeconds:N0} s waiting for {what}.");
            }

            Thread.Sleep(10);
        }
    }
}
