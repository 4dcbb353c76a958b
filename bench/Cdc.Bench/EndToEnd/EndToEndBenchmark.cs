using System.Diagnostics;
using Cdc.Bench.CatchUp;
using Cdc.Bench.Processes;
using Cdc.Bench.Snapshot;

namespace Cdc.Bench.EndToEnd;

/// <summary>
/// The connector measured alone: `cdc run` (this build's) in a process of its own against `cdc sandbox` in another,
/// its CPU time (utime + stime of /proc/PID/stat) and RSS the only ones counted. Three phases in one sandbox:
/// <list type="number">
/// <item>Catch-up: N documents of about 1 KB written with no connector running, then read from their start into Kafka
/// by one `cdc run` (<see cref="CatchUpBenchmark.MeasureAsync"/>): events/s and events per CPU second.</item>
/// <item>Live: a second `cdc run` streams another collection while <see cref="PacedInsertWriters"/> insert at 1,000/s,
/// then 5,000/s: the latency it adds (read → acknowledged) from its own <c>cdc_added_latency_seconds</c> histogram,
/// the difference between scrapes at the start and end of each phase, and its CPU time per event.</item>
/// <item>Outage: under 1,000/s, every broker down for S seconds through the sandbox's control API, then back: the
/// connector's RSS growth while down, and once it has caught up, every document written is counted in Kafka (the
/// topics' end offsets against the writes).</item>
/// </list>
/// </summary>
internal static class EndToEndBenchmark
{
    public const int DefaultEvents = 100_000;
    public const int DefaultOutageSeconds = 60;
    private const string CatchUpPrefix = "e2e-catchup";
    private const string StreamPrefix = "e2e";
    private const string Collection = "e2e";
    private const int Partitions = 4;
    private const double LowRate = 1_000;
    private const double HighRate = 5_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LivePhaseLength = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BeforeOutage = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AfterOutage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RssSampling = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan TimelineStep = TimeSpan.FromSeconds(10);

    public static async Task<EndToEndResult> RunAsync(int events, int outageSeconds, IReadOnlyList<string> settings, TextWriter log)
    {
        // settings: `--set` entries for both `cdc run`s, after the benchmark's own (none: the connector's defaults).
        var dll = RepositoryPaths.ConnectorDll;
        var streamed = (LowRate * (WarmUp + LivePhaseLength + BeforeOutage + AfterOutage).TotalSeconds) + (HighRate * LivePhaseLength.TotalSeconds) + (LowRate * outageSeconds);
        var oplogWindow = (int)Math.Max(100_000, events + (1.5 * streamed) + 10_000);
        await using var sandbox = await SandboxProcess.StartAsync(oplogWindow, kafkaBrokers: 3).ConfigureAwait(false);

        var backlog = CatchUpBenchmark.WriteBacklog(sandbox, events, "e2e", log);
        var catchUp = await CatchUpBenchmark.MeasureAsync(dll, sandbox, backlog.From, events, CatchUpPrefix, settings, whenListening: null, CatchUpBenchmark.CatchUpTimeout(events)).ConfigureAwait(false);
        log.WriteLine($"e2e: catch-up {catchUp.EventsPerSecond:N0} events/s, {events / catchUp.CatchUpCpuSeconds:N0} events per CPU second after the first event ({events / catchUp.CpuSeconds:N0} over the whole process), peak RSS {catchUp.PeakRssMb:N0} MiB");

        var streamTopic = $"{StreamPrefix}.{CatchUpBenchmark.Database}.{Collection}";
        await sandbox.CreateTopicAsync(streamTopic, Partitions).ConfigureAwait(false);
        var from = MongoOperationTime.Now(sandbox.MongoDbUri);
        using var writers = new PacedInsertWriters(sandbox.MongoDbUri, CatchUpBenchmark.Database, Collection, seed: 7);
        using var connector = await StreamingConnector.StartAsync(dll, sandbox, Collection, from, StreamPrefix, settings, Patience).ConfigureAwait(false);
        log.WriteLine($"e2e: cdc run (pid {connector.ProcessId}) streams {CatchUpBenchmark.Database}.{Collection}; {PacedInsertWriters.Writers} writers, one insert each every {PacedInsertWriters.Tick.TotalMilliseconds:N0} ms, documents of ≈{writers.BytesPerDocument:N0} bytes");

        // Not measured: the first events pay for the JIT (tiered compilation is off, so each method is compiled once, fully).
        var warmUp = writers.Start(LowRate);
        await WatchAsync(WarmUp, warmUp, connector).ConfigureAwait(false);
        await warmUp.StopAsync().ConfigureAwait(false);
        await connector.WaitUntilAcknowledgedAsync(writers.Written, Patience).ConfigureAwait(false);

        // What streaming costs with nothing to stream (timers, librdkafka's threads, empty getMores): part of every phase's CPU.
        var idleCpu = connector.Stats().CpuSeconds;
        await Task.Delay(Idle).ConfigureAwait(false);
        var idleShare = (connector.Stats().CpuSeconds - idleCpu) / Idle.TotalSeconds;
        log.WriteLine($"e2e: idle, cdc run uses {idleShare:P1} of a core");

        var live1000 = await LiveAsync(connector, writers, LowRate, log).ConfigureAwait(false);
        var live5000 = await LiveAsync(connector, writers, HighRate, log).ConfigureAwait(false);
        var outage = await OutageAsync(sandbox, connector, writers, outageSeconds, log).ConfigureAwait(false);
        var streamingPeak = connector.Stats().PeakRssMb;
        await connector.StopAsync().ConfigureAwait(false);

        // Every document of the run, the backlog's included, against the records appended to the two topics.
        var appended = TopicRecordCount.Appended(sandbox.KafkaBootstrapServers, streamTopic, Partitions, TimeSpan.FromSeconds(30))
            + TopicRecordCount.Appended(sandbox.KafkaBootstrapServers, $"{CatchUpPrefix}.{CatchUpBenchmark.Database}.{CatchUpBenchmark.Collection}", Partitions, TimeSpan.FromSeconds(30));
        outage = outage with { Written = writers.Written + events, Appended = appended };
        log.WriteLine($"e2e: {outage.Written:N0} documents written in the run, {outage.Appended:N0} records appended to Kafka: {outage.Lost:N0} lost, {outage.Duplicates:N0} duplicates, {outage.Restarts} pipeline restarts");
        return new EndToEndResult(events, backlog.BytesPerDocument, catchUp, idleShare, live1000, live5000, outage, streamingPeak) { Settings = settings };
    }

    private static async Task<LivePhase> LiveAsync(StreamingConnector connector, PacedInsertWriters writers, double rate, TextWriter log)
    {
        var startLatency = AddedLatencyHistogram.Parse(await connector.MetricsTextAsync().ConfigureAwait(false));
        var startCpu = connector.Stats().CpuSeconds;
        var started = Stopwatch.GetTimestamp();
        var load = writers.Start(rate);
        await WatchAsync(LivePhaseLength, load, connector).ConfigureAwait(false);
        var (_, achieved) = await load.StopAsync().ConfigureAwait(false);
        await connector.WaitUntilAcknowledgedAsync(writers.Written, Patience).ConfigureAwait(false);
        var latency = AddedLatencyHistogram.Parse(await connector.MetricsTextAsync().ConfigureAwait(false)).Since(startLatency);
        var phase = LivePhase.From(rate, achieved, latency, connector.Stats().CpuSeconds - startCpu, Stopwatch.GetElapsedTime(started).TotalSeconds);
        log.WriteLine($"e2e: live at {rate:N0}/s (achieved {achieved:N0}/s): {phase.Events:N0} events, added latency p50 {phase.LatencyP50Ms:0.0} ms, p99 {phase.LatencyP99Ms:0.0} ms, max ≤ {phase.LatencyMaxMs:N0} ms; {phase.EventsPerCpuSecond:N0} events per CPU second ({phase.CpuShareOfOneCore:P0} of a core)");
        return phase;
    }

    private static async Task<OutagePhase> OutageAsync(SandboxProcess sandbox, StreamingConnector connector, PacedInsertWriters writers, int outageSeconds, TextWriter log)
    {
        using var control = new HttpClient { BaseAddress = new Uri(sandbox.ControlUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        var load = writers.Start(LowRate);
        await WatchAsync(BeforeOutage, load, connector).ConfigureAwait(false);
        var before = connector.Stats().RssMb;
        await PostAsync(control, "kafka/brokers/all/down").ConfigureAwait(false);
        log.WriteLine($"e2e: every broker down for {outageSeconds} s under {LowRate:N0} writes/s; connector RSS {before:N0} MiB");
        var peak = before;
        var timeline = new List<double>();
        var down = Stopwatch.StartNew();
        while (down.Elapsed < TimeSpan.FromSeconds(outageSeconds))
        {
            load.ThrowIfFailed();
            var rss = connector.Stats().RssMb;
            peak = Math.Max(peak, rss);
            if (down.Elapsed >= TimelineStep * (timeline.Count + 1))
            {
                timeline.Add(rss);
            }

            await Task.Delay(RssSampling).ConfigureAwait(false);
        }

        var inFlight = MetricsScrape.Parse(await connector.MetricsTextAsync().ConfigureAwait(false)).InFlight;
        log.WriteLine($"e2e: while down, RSS every {TimelineStep.TotalSeconds:N0} s: {string.Join(", ", timeline.Select(rss => rss.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} MiB; {inFlight:N0} events in flight at the end");

        await PostAsync(control, "kafka/brokers/all/up").ConfigureAwait(false);
        var up = Stopwatch.StartNew();
        var writtenAtUp = writers.Written;
        // Published counts events handed to the producer, which goes on while the brokers are down (up to the in-flight
        // limits): what is published and no longer in flight has been acknowledged.
        await connector.WaitUntilAsync(
            metrics => metrics.Published - metrics.InFlight >= writtenAtUp,
            Patience,
            $"the {writtenAtUp:N0} events written before the brokers returned acknowledged").ConfigureAwait(false);
        var recovery = up.Elapsed;
        await WatchAsync(AfterOutage - up.Elapsed, load, connector).ConfigureAwait(false);
        var (_, achieved) = await load.StopAsync().ConfigureAwait(false);
        var done = await connector.WaitUntilAcknowledgedAsync(writers.Written, Patience).ConfigureAwait(false);
        var outage = new OutagePhase(outageSeconds, achieved, before, peak, [.. timeline], inFlight, recovery.TotalSeconds, 0, 0, done.Restarts);
        log.WriteLine($"e2e: RSS {before:N0} → at most {peak:N0} MiB while down (+{outage.RssGrowthMb:N1}); caught up {recovery.TotalSeconds:N1} s after the brokers returned");
        return outage;
    }

    /// <summary>Lets <paramref name="length"/> pass, failing at once when a writer failed or the connector exited.</summary>
    private static async Task WatchAsync(TimeSpan length, PacedRun load, StreamingConnector connector)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < length)
        {
            load.ThrowIfFailed();
            connector.ThrowIfExited();
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, Math.Max(1, (length - clock.Elapsed).TotalMilliseconds)))).ConfigureAwait(false);
        }
    }

    private static async Task PostAsync(HttpClient control, string path)
    {
        using var response = await control.PostAsync(new Uri(path, UriKind.Relative), content: null).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"e2e: POST {path} on the sandbox control API answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }
}
