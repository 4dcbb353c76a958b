using Cdc.Bench.CatchUp;
using Cdc.Bench.Snapshot;

namespace Cdc.Bench.Peer;

/// <summary>
/// Issue 18: cdc against the bridge a team would write instead (bench/peer/bridge.mjs: the mongodb driver, avsc,
/// kafkajs), on the same machine, the same `cdc sandbox` and the same backlog. The backlog is written once, as the
/// catchup benchmark writes it; then `cdc run` (<see cref="CatchUpBenchmark.MeasureAsync"/>) and the bridge
/// (<see cref="PeerBridgeRun.MeasureAsync"/>) each catch it up <see cref="Rounds"/> times, alternately, each run into a
/// topic of its own, so both sides see the same load drift on a shared machine.
/// </summary>
internal static class PeerBenchmark
{
    public const int DefaultEvents = 50_000;
    public const int Rounds = 3;

    /// <summary>
    /// The bridge only streams changes from the start time; cdc's default (snapshot.mode=initial, no checkpoint) would
    /// also snapshot the collection beside the stream and publish rows of it, work and records the bridge does not have.
    /// </summary>
    private static readonly string[] CdcSettings = ["snapshot.mode=never"];

    public static async Task<PeerBenchmarkResult> RunAsync(int events, TextWriter log)
    {
        var timeout = CatchUpBenchmark.CatchUpTimeout(events);
        await using var sandbox = await CatchUpBenchmark.StartSandboxAsync(events).ConfigureAwait(false);
        var backlog = CatchUpBenchmark.WriteBacklog(sandbox, events, "peer", log);
        var before = backlog.From;
        log.WriteLine($"peer: {Rounds} rounds of cdc run, then node bridge.mjs, each from timestamp:{before.Seconds}");

        var cdcRuns = new List<PeerRunFigures>();
        var peerRuns = new List<PeerRunFigures>();
        for (var round = 1; round <= Rounds; round++)
        {
            var prefix = $"peer-cdc-{round}";
            var run = await CatchUpBenchmark.MeasureAsync(RepositoryPaths.ConnectorDll, sandbox, before, events, prefix, CdcSettings, whenListening: null, timeout).ConfigureAwait(false);
            var topic = $"{prefix}.{CatchUpBenchmark.Database}.{CatchUpBenchmark.Collection}";
            var appended = TopicRecordCount.Appended(sandbox.KafkaBootstrapServers, topic, CatchUpBenchmark.Partitions, TimeSpan.FromSeconds(10));
            if (appended != events)
            {
                throw new InvalidOperationException($"peer: topic {topic} holds {appended:N0} records after cdc run, expected exactly {events:N0}.");
            }

            var cdc = PeerRunFigures.Of(run, events);
            cdcRuns.Add(cdc);
            Report(log, $"round {round}, cdc run      ", cdc);

            var peer = await PeerBridgeRun.MeasureAsync(sandbox, before, events, $"peer-node-{round}", timeout).ConfigureAwait(false);
            peerRuns.Add(peer);
            Report(log, $"round {round}, node bridge  ", peer);
        }

        return new PeerBenchmarkResult(events, backlog.BytesPerDocument, cdcRuns, peerRuns);
    }

    private static void Report(TextWriter log, string label, PeerRunFigures run) =>
        log.WriteLine($"peer: {label}: {run.EventsPerSecond:N0} events/s, {run.CatchUpEventsPerCpuSecond:N0} events per CPU second after the first event ({run.EventsPerCpuSecond:N0} whole process, {run.CpuSeconds:0.00} s of CPU), peak RSS {run.PeakRssMb:N0} MiB, {run.StartupSeconds:0.00} s to the first event");
}
