using System.Diagnostics;
using Cdc.Bench.Transcode;
using Cdc.Connector.Configuration;
using Cdc.Sandbox.Kafka;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Connector.Registry;

namespace Cdc.Bench.Pipeline;

/// <summary>
/// Recorded change events through the real pipeline into the embedded Kafka, against raw produce of the very records
/// the pipeline produced, with the same producer settings. Passes alternate (pipeline, raw, pipeline, raw…) after one
/// warm-up pass of each, every pass on topics of its own; the best pass of each side is compared.
/// </summary>
internal static class PipelineBenchmark
{
    public const int DefaultEvents = 50_000;
    public const int Rounds = 5;
    private const int Partitions = 4;

    public static async Task<PipelineResult> RunAsync(int events, TextWriter log)
    {
        var recorded = ChangeEventGenerator.Generate(events);
        using var cluster = new KafkaMockCluster(KafkaMockCluster.DefaultBrokerCount);
        await using var registry = await InMemorySchemaRegistry.StartAsync().ConfigureAwait(false);
        using var client = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url] });
        var timeout = TimeSpan.FromSeconds(60 + (events / 1_000));
        var maxInFlightEvents = new PipelineOptions().MaxInFlightEvents;
        var kafka = new KafkaOptions { BootstrapServers = cluster.BootstrapServers };
        log.WriteLine($"pipeline: {events:N0} recorded events, embedded Kafka {cluster.BrokerCount} brokers, registry {registry.Url}");

        CreateTopics(cluster, "warm");
        var (_, _, warm) = PipelinePass.Run(recorded, cluster.BootstrapServers, client, "warm", capture: true, timeout);
        var records = warm.Capture!.Records;
        var suffixes = warm.Capture.TopicSuffixes;
        log.WriteLine($"pipeline: warm-up pass produced {records.Count:N0} records; raw warm-up…");
        RawProducePass.Run(records, CreateTopics(cluster, "rawwarm", suffixes), kafka, maxInFlightEvents, timeout);

        var pipelineRuns = new List<double>();
        var rawRuns = new List<double>();
        var pipelineCpuRuns = new List<double>();
        var rawCpuRuns = new List<double>();
        var saves = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            var prefix = $"pipe{round}";
            CreateTopics(cluster, prefix);
            var (elapsed, cpu, environment) = PipelinePass.Run(recorded, cluster.BootstrapServers, client, prefix, capture: false, timeout);
            pipelineRuns.Add(events / elapsed.TotalSeconds);
            pipelineCpuRuns.Add(events / cpu.TotalSeconds);
            saves = environment.Store.Saves;

            var (raw, rawCpu) = RawProducePass.Run(records, CreateTopics(cluster, $"raw{round}", suffixes), kafka, maxInFlightEvents, timeout);
            rawRuns.Add(events / raw.TotalSeconds);
            rawCpuRuns.Add(events / rawCpu.TotalSeconds);
            var source = environment.Source!;
            var readMs = Stopwatch.GetElapsedTime(source.FirstReadTimestamp, source.DrainedTimestamp).TotalMilliseconds;
            log.WriteLine($"pipeline: round {round}: pipeline {pipelineRuns[^1]:N0} events/s ({elapsed.TotalMilliseconds:N0} ms, all read after {readMs:N0} ms), raw {rawRuns[^1]:N0} events/s ({raw.TotalMilliseconds:N0} ms); CPU {cpu.TotalMilliseconds:N0} vs {rawCpu.TotalMilliseconds:N0} ms");
        }

        long bytes = 0;
        foreach (var record in records)
        {
            bytes += (record.Key?.Length ?? 0) + (record.Value?.Length ?? 0);
        }

        var result = new PipelineResult(events, records.Count, (double)bytes / records.Count, pipelineRuns, rawRuns, pipelineCpuRuns, rawCpuRuns, saves);
        log.WriteLine($"pipeline: best {result.PipelineEventsPerSecond:N0} vs raw {result.RawEventsPerSecond:N0} events/s: ratio {result.Ratio:0.00} (target ≥ {PipelineResult.Target}); per CPU second {result.PipelineEventsPerCpuSecond:N0} vs {result.RawEventsPerCpuSecond:N0}: {result.CpuRatio:0.00}");
        return result;
    }

    /// <summary>The pipeline's four topics under <paramref name="prefix"/>, created up front as for the raw side.</summary>
    private static void CreateTopics(KafkaMockCluster cluster, string prefix)
    {
        foreach (var (db, coll) in ChangeEventGenerator.Namespaces)
        {
            cluster.CreateTopic($"{prefix}.{db}.{coll}", Partitions, cluster.BrokerCount);
        }
    }

    private static string[] CreateTopics(KafkaMockCluster cluster, string prefix, List<string> suffixes)
    {
        var topics = new string[suffixes.Count];
        for (var i = 0; i < topics.Length; i++)
        {
            topics[i] = $"{prefix}.{suffixes[i]}";
            cluster.CreateTopic(topics[i], Partitions, cluster.BrokerCount);
        }

        return topics;
    }
}
