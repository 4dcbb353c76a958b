using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cdc.Bench.EndToEnd;
using Cdc.Bench.Processes;

namespace Cdc.Bench.CatchUp;

/// <summary>
/// `cdc run` catching up a backlog, each part in a process of its own, as issue 11 measured the libmongoc build:
/// <list type="number">
/// <item>`cdc sandbox` (this build's) starts; the topic is created with 4 partitions on its 3 mock brokers;</item>
/// <item>N documents of about 1 KB are inserted into one collection through the official driver, 1,000 per insert,
/// before any connector runs;</item>
/// <item>`cdc run` (this build's, or the one given with <c>--cdc</c>) starts with a file checkpoint and
/// <c>mongodb.startAt=timestamp:&lt;the server's time just before the inserts&gt;</c>, every other setting at its
/// default, and is watched through its /metrics until all N events are published and none is in flight (all
/// acknowledged by Kafka); then it is stopped with SIGTERM and must exit 0.</item>
/// </list>
/// Events/s run from the first event published to the last acknowledged; CPU time (utime + stime) and peak RSS (VmHWM)
/// are those of the `cdc run` process alone.
/// </summary>
internal static class CatchUpBenchmark
{
    public const int DefaultEvents = 100_000;
    public const string Database = "bench";
    public const string Collection = "catchup";
    private const string TopicPrefix = "catchup";
    public const int Partitions = 4;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    public static async Task<CatchUpResult> RunAsync(int events, string? cdcDll, TextWriter log)
    {
        var dll = cdcDll is null ? RepositoryPaths.ConnectorDll : Path.GetFullPath(cdcDll);
        var label = cdcDll is null ? "this build" : "--cdc";
        var timeout = CatchUpTimeout(events);
        await using var sandbox = await StartSandboxAsync(events).ConfigureAwait(false);
        var backlog = WriteBacklog(sandbox, events, "catchup", log);
        log.WriteLine($"catchup: starting cdc run ({label}: {dll}) from timestamp:{backlog.From.Seconds}");

        var run = await MeasureAsync(dll, sandbox, backlog.From, events, TopicPrefix, [], whenListening: null, timeout).ConfigureAwait(false);
        var result = new CatchUpResult(
            events,
            backlog.BytesPerDocument,
            label,
            run.EventsPerSecond,
            run.WallSeconds,
            run.StartupSeconds,
            run.CpuSeconds,
            run.CatchUpCpuSeconds,
            run.PeakRssMb,
            backlog.WriteEventsPerSecond);
        log.WriteLine($"catchup: {result.EventsPerSecond:N0} events/s, {result.EventsPerCpuSecond:N0} events per CPU second ({result.CpuSeconds:0.00} s of CPU), peak RSS {result.PeakRssMb:N0} MiB; {result.StartupSeconds:0.00} s from process start to the first event");
        return result;
    }

    /// <summary>How long a catch-up of <paramref name="events"/> may take before it is called hung.</summary>
    public static TimeSpan CatchUpTimeout(int events) => TimeSpan.FromSeconds(60 + (events / 500));

    /// <summary>`cdc sandbox` with an oplog window that keeps a backlog of <paramref name="events"/>, and 3 mock brokers.</summary>
    public static Task<SandboxProcess> StartSandboxAsync(int events) => SandboxProcess.StartAsync(Math.Max(100_000, events + 10_000), kafkaBrokers: 3);

    /// <summary>
    /// Inserts <paramref name="events"/> documents of about 1 KB into bench.catchup, 1,000 per insert, with no
    /// connector running; returns the server's operation time read just before, where a catch-up starts.
    /// </summary>
    public static CatchUpBacklog WriteBacklog(SandboxProcess sandbox, int events, string benchmark, TextWriter log)
    {
        var writer = new InsertWriter(Collection, events, seed: 3, minBytes: 1_000, maxBytes: 1_400);
        var before = MongoOperationTime.Now(sandbox.MongoDbUri);
        log.WriteLine($"{benchmark}: inserting {events:N0} documents of ≈{writer.BytesPerDocument:N0} bytes into {Database}.{Collection} on {sandbox.MongoDbUri} (cdc sandbox, its own process)");
        writer.Run(sandbox.MongoDbUri, Database);
        var writeRate = events / Stopwatch.GetElapsedTime(writer.FirstWriteTimestamp, writer.LastWriteTimestamp).TotalSeconds;
        log.WriteLine($"{benchmark}: written at {writeRate:N0} documents/s");
        return new CatchUpBacklog(before, writer.BytesPerDocument, writeRate);
    }

    /// <summary>
    /// The `cdc run --set` settings of the benchmarks' connectors: collection scope on <paramref name="collection"/> of
    /// bench, reading from <paramref name="from"/>, file checkpoint at <paramref name="checkpoint"/>, HTTP on
    /// 127.0.0.1:<paramref name="port"/>, no snapshot (a catch-up reads changes; with no checkpoint, the default
    /// snapshot.mode=initial would also snapshot the collection beside the stream), every other setting at its default.
    /// </summary>
    public static string[] RunSettings(SandboxProcess sandbox, string collection, Cdc.Schemas.Bson.BsonTimestamp from, string topicPrefix, string checkpoint, int port) =>
    [
        $"mongodb.uri={sandbox.MongoDbUri}", "mongodb.scope=collection", $"mongodb.database={Database}", $"mongodb.collection={collection}",
        $"mongodb.startAt=timestamp:{from.Seconds.ToString(CultureInfo.InvariantCulture)}",
        $"kafka.bootstrapServers={sandbox.KafkaBootstrapServers}", $"kafka.topicPrefix={topicPrefix}", $"schemaRegistry.url={sandbox.SchemaRegistryUrl}",
        "checkpoint.store=file", $"checkpoint.path={checkpoint}", $"pipeline.name=bench-{topicPrefix}",
        "http.host=127.0.0.1", $"http.port={port.ToString(CultureInfo.InvariantCulture)}", "snapshot.mode=never",
    ];

    /// <summary>
    /// One `cdc run` of <paramref name="dll"/> catching up the <paramref name="events"/> written to bench.catchup since
    /// <paramref name="from"/>, into the topic of <paramref name="topicPrefix"/> (created here), with
    /// <paramref name="extraSettings"/>; <paramref name="whenListening"/> runs once its HTTP endpoint answers (its port)
    /// and what it returns is disposed when the run ends. Stopped with SIGTERM; it must exit 0.
    /// </summary>
    public static async Task<CatchUpRun> MeasureAsync(
        string dll,
        SandboxProcess sandbox,
        Cdc.Schemas.Bson.BsonTimestamp from,
        int events,
        string topicPrefix,
        IReadOnlyList<string> extraSettings,
        Func<int, Task<IDisposable>>? whenListening,
        TimeSpan timeout)
    {
        await sandbox.CreateTopicAsync($"{topicPrefix}.{Database}.{Collection}", Partitions).ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("cdc-bench-catchup-");
        IDisposable? attached = null;
        try
        {
            var checkpoint = Path.Combine(directory.FullName, "checkpoint.json");
            var port = FreePort();
            string[] settings = [.. RunSettings(sandbox, Collection, from, topicPrefix, checkpoint, port), .. extraSettings];
            using var connector = ChildProcess.StartDotnet("cdc run", dll, ["run", .. settings.SelectMany(setting => new[] { "--set", setting })]);
            async Task Attach()
            {
                if (whenListening is not null)
                {
                    attached = await whenListening(port).ConfigureAwait(false);
                }
            }

            var (firstPublished, cpuAtFirst, done, stats) = await WatchAsync(connector, port, events, timeout, Attach).ConfigureAwait(false);
            var exit = await connector.TerminateAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
            if (exit != 0)
            {
                throw new InvalidOperationException($"catchup: cdc run exited with {exit} after SIGTERM: {connector.ErrorTail}");
            }

            if (!File.Exists(checkpoint))
            {
                throw new InvalidOperationException("catchup: cdc run stopped without a checkpoint file.");
            }

            return new CatchUpRun(
                events / Stopwatch.GetElapsedTime(firstPublished, done).TotalSeconds,
                Stopwatch.GetElapsedTime(connector.StartedTimestamp, done).TotalSeconds,
                Stopwatch.GetElapsedTime(connector.StartedTimestamp, firstPublished).TotalSeconds,
                stats.CpuSeconds,
                stats.CpuSeconds - cpuAtFirst,
                stats.PeakRssMb);
        }
        finally
        {
            attached?.Dispose();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Scrapes /metrics until every event is published and acknowledged; notes when the first was published.</summary>
    private static async Task<(long FirstPublished, double CpuAtFirst, long Done, ProcessStats Stats)> WatchAsync(
        ChildProcess connector, int port, int events, TimeSpan timeout, Func<Task> whenListening)
    {
        var listening = false;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        long firstPublished = 0;
        double cpuAtFirst = 0;
        while (true)
        {
            if (connector.HasExited)
            {
                throw new InvalidOperationException($"catchup: cdc run exited with {connector.ExitCode}: {connector.ErrorTail}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"catchup: cdc run did not publish {events:N0} events within {timeout.TotalSeconds:N0} s: {connector.ErrorTail}");
            }

            MetricsScrape metrics;
            try
            {
                metrics = MetricsScrape.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)).ConfigureAwait(false));
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
                await Task.Delay(Poll).ConfigureAwait(false);
                continue;
            }

            if (!listening)
            {
                listening = true;
                await whenListening().ConfigureAwait(false);
            }

            var now = Stopwatch.GetTimestamp();
            if (metrics.Errors > 0)
            {
                throw new InvalidOperationException($"catchup: cdc run counted {metrics.Errors} errors: {connector.ErrorTail}");
            }

            if (metrics.Published > 0 && firstPublished == 0)
            {
                firstPublished = now;
                cpuAtFirst = ProcessStats.Read(connector.Id).CpuSeconds;
            }

            if (metrics.Published >= events && metrics.InFlight == 0)
            {
                return (firstPublished, cpuAtFirst, now, ProcessStats.Read(connector.Id));
            }

            await Task.Delay(Poll).ConfigureAwait(false);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
