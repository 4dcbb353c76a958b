using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cdc.Bench.CatchUp;
using Cdc.Bench.Processes;
using Cdc.Bench.Snapshot;

namespace Cdc.Bench.Peer;

/// <summary>
/// One run of bench/peer/bridge.mjs (`node bridge.mjs …`, a process of its own) catching up the backlog of bench.catchup
/// into a topic of its own, measured as `cdc run` is in <see cref="CatchUpBenchmark.MeasureAsync"/>: the bridge prints
/// a line when it hands its first batch to the producer (the CPU time read from /proc there starts the catch-up
/// figure) and its summary once Kafka acknowledged the last event (the CPU time read there ends both figures); its
/// peak RSS is VmHWM sampled every 10 ms until it exits (<see cref="ProcessSampler"/>). The run counts only when the
/// bridge exits 0, reports N events, leaves its checkpoint file and the topic's partitions hold exactly N records.
/// </summary>
internal static class PeerBridgeRun
{
    /// <summary>Events per producer.send (the bridge's --batch); the driver's batches end a send early.</summary>
    public const int Batch = 1_000;

    /// <summary>
    /// kafkajs has no built-in lz4 codec (cdc's default); uncompressed is the cheapest choice for the bridge's CPU, so
    /// the comparison leans its way.
    /// </summary>
    public const string Compression = "none";

    public static async Task<PeerRunFigures> MeasureAsync(
        SandboxProcess sandbox, Cdc.Schemas.Bson.BsonTimestamp from, int events, string topicPrefix, TimeSpan timeout)
    {
        var topic = $"{topicPrefix}.{CatchUpBenchmark.Database}.{CatchUpBenchmark.Collection}";
        await sandbox.CreateTopicAsync(topic, CatchUpBenchmark.Partitions).ConfigureAwait(false);
        var peerDirectory = Path.Combine(RepositoryPaths.Root, "bench", "peer");
        if (!Directory.Exists(Path.Combine(peerDirectory, "node_modules", "kafkajs")))
        {
            throw new InvalidOperationException($"peer: kafkajs is not installed: run `npm install --no-audit --no-fund` in {peerDirectory} (./cdc bench does it).");
        }

        var directory = Directory.CreateTempSubdirectory("cdc-bench-peer-");
        try
        {
            var checkpoint = Path.Combine(directory.FullName, "checkpoint.json");
            string[] arguments =
            [
                "--mongodb", sandbox.MongoDbUri, "--database", CatchUpBenchmark.Database, "--collection", CatchUpBenchmark.Collection,
                "--kafka", sandbox.KafkaBootstrapServers, "--registry", sandbox.SchemaRegistryUrl, "--topic", topic,
                "--checkpoint", checkpoint, "--events", events.ToString(CultureInfo.InvariantCulture),
                "--start-at", string.Create(CultureInfo.InvariantCulture, $"{from.Seconds}:{from.Increment}"),
                "--batch", Batch.ToString(CultureInfo.InvariantCulture), "--compression", Compression,
            ];
            using var bridge = ChildProcess.StartNode("node bridge.mjs", peerDirectory, "bridge.mjs", arguments);
            var sampling = ProcessSampler.WatchUntilExitAsync(bridge, timeout);

            var first = await bridge.ReadLineAsync(timeout).ConfigureAwait(false);
            var firstPublished = Stopwatch.GetTimestamp();
            var cpuAtFirst = ProcessStats.Read(bridge.Id).CpuSeconds;
            if (JsonNode.Parse(first)?["firstPublished"] is null)
            {
                throw new InvalidOperationException($"peer: the bridge printed '{first}' before its first batch, not {{\"firstPublished\":true}}.");
            }

            var summaryLine = await bridge.ReadLineAsync(timeout).ConfigureAwait(false);
            var done = Stopwatch.GetTimestamp();
            var cpuAtDone = CpuSecondsIfRunning(bridge.Id);
            var exit = await sampling.ConfigureAwait(false);
            if (exit.ExitCode != 0)
            {
                throw new InvalidOperationException($"peer: the bridge exited with {exit.ExitCode}: {bridge.ErrorTail}");
            }

            var summary = JsonNode.Parse(summaryLine) ?? throw new InvalidOperationException($"peer: the bridge's summary '{summaryLine}' is not JSON.");
            var published = summary["events"]?.GetValue<int>();
            if (published != events)
            {
                throw new InvalidOperationException($"peer: the bridge reported {published} events published, expected {events:N0}: {summaryLine}");
            }

            if (!File.Exists(checkpoint))
            {
                throw new InvalidOperationException("peer: the bridge exited without a checkpoint file.");
            }

            var appended = TopicRecordCount.Appended(sandbox.KafkaBootstrapServers, topic, CatchUpBenchmark.Partitions, TimeSpan.FromSeconds(10));
            if (appended != events)
            {
                throw new InvalidOperationException($"peer: topic {topic} holds {appended:N0} records after the bridge's run, expected exactly {events:N0}.");
            }

            // Normally still running (closing its connections) when the summary arrives; if it was already gone, the
            // sampler's last reading, at most one interval before the exit, includes that shutdown.
            var cpu = cpuAtDone ?? exit.CpuSeconds;
            return new PeerRunFigures(
                events,
                events / Stopwatch.GetElapsedTime(firstPublished, done).TotalSeconds,
                Stopwatch.GetElapsedTime(bridge.StartedTimestamp, done).TotalSeconds,
                Stopwatch.GetElapsedTime(bridge.StartedTimestamp, firstPublished).TotalSeconds,
                cpu,
                cpu - cpuAtFirst,
                exit.PeakRssMb);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static double? CpuSecondsIfRunning(int pid)
    {
        try
        {
            return ProcessStats.Read(pid).CpuSeconds;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
