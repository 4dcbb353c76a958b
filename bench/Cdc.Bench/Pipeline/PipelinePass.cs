using System.Diagnostics;
using Cdc.Bench.Transcode;
using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Sink;
using Cdc.Connector.Registry;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Bench.Pipeline;

/// <summary>
/// One pass of the real pipeline (runner, cycle, mapper, schema id cache, watermark, committer, Kafka publisher) over
/// the recorded events, with the connector's default settings; timed from the first read to the last acknowledgement.
/// </summary>
internal static class PipelinePass
{
    public static (TimeSpan Elapsed, TimeSpan Cpu, ReplayEnvironment Environment) Run(
        GeneratedEvents events, string bootstrapServers, RegistryClient registry, string topicPrefix, bool capture, TimeSpan timeout)
    {
        var options = new CdcOptions { Kafka = new KafkaOptions { BootstrapServers = bootstrapServers, TopicPrefix = topicPrefix } };
        using var recorder = new AckLatencyRecorder(events.Count);
        var settings = PipelineSettings.From(options) with { Name = "bench", AckLatencyObserver = recorder, SnapshotMode = SnapshotMode.Never };
        var topics = new string[ChangeEventGenerator.Namespaces.Length];
        for (var i = 0; i < topics.Length; i++)
        {
            var (db, coll) = ChangeEventGenerator.Namespaces[i];
            topics[i] = $"{topicPrefix}.{db}.{coll}";
        }

        var environment = new ReplayEnvironment(events, options.Kafka, topicPrefix, topics, capture);
        var schemaIds = new SchemaIdCache(registry, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);
        var runner = new PipelineRunner(environment, settings, MappingOptionsFactory.Create(options), schemaIds, NullLogger.Instance);

        using var stop = new CancellationTokenSource();
        var exit = runner.Start(stop.Token);
        var deadline = Stopwatch.StartNew();
        while (!recorder.WaitForAll(TimeSpan.FromMilliseconds(100)))
        {
            if (exit.IsCompleted || deadline.Elapsed > timeout)
            {
                stop.Cancel();
                var error = exit.Wait(TimeSpan.FromSeconds(40)) ? exit.Result.Error : "did not stop";
                throw new InvalidOperationException(
                    $"Pipeline pass '{topicPrefix}': {recorder.Acknowledged:N0} of {events.Count:N0} events acknowledged after {deadline.Elapsed.TotalSeconds:N0} s (pipeline: {error ?? "running"}).");
            }
        }

        var cpu = ProcessCpu.Now() - environment.Source!.FirstReadCpu;
        var elapsed = Stopwatch.GetElapsedTime(environment.Source.FirstReadTimestamp, recorder.LastAcknowledgedTimestamp);
        stop.Cancel();
        var result = exit.GetAwaiter().GetResult();
        if (result.Error is not null)
        {
            throw new InvalidOperationException($"Pipeline pass '{topicPrefix}' ended with an error: {result.Error}");
        }

        CheckCommitted(events, environment, topicPrefix);
        return (elapsed, cpu, environment);
    }

    /// <summary>The pass counts only if the pipeline also committed the last event's position, as it would for real.</summary>
    private static void CheckCommitted(GeneratedEvents events, ReplayEnvironment environment, string topicPrefix)
    {
        var last = ChangeEventIdentity.ResumeToken(events[events.Count - 1]);
        var committed = environment.Store.Current?.Position.Token;
        if (committed is null || !last.SequenceEqual(committed))
        {
            throw new InvalidOperationException($"Pipeline pass '{topicPrefix}': the committed checkpoint is not the last event's resume token.");
        }
    }
}
