using System.Diagnostics;
using Cdc.Bench.EndToEnd;
using Cdc.Bench.Processes;

namespace Cdc.Bench.Snapshot;

/// <summary>
/// `cdc run` snapshotting a collection that already exists (snapshot.mode initialOnly) against the driver's own find of
/// the same collection, each part in a process of its own:
/// <list type="number">
/// <item>`cdc sandbox` starts; two topics are created with 4 partitions on its 3 mock brokers;</item>
/// <item>N/4 documents of 0.5–4 KB (the transcode generator's) are inserted into one collection through the official
/// driver, 1,000 per insert; the driver's find reads them once and `cdc run` snapshots them (the RSS at N/4);</item>
/// <item>the other 3N/4 are inserted and read once, untimed (the emulator settles after the writes); then three rounds of
/// the driver's find (default batches), the driver's find in batches of the chunk size, and `cdc run` (a fresh
/// checkpoint and topic each time), in an order that turns each round, so drift on the shared machine and the
/// emulator's garbage collections hit every side. Each side's best run counts.</item>
/// </list>
/// Each `cdc run` must exit 0 by itself with its checkpoint complete and exactly the collection's count of records on its
/// topic (<see cref="ConnectorSnapshotRun"/>).
/// </summary>
internal static class SnapshotBenchmark
{
    public const int DefaultDocuments = 200_000;
    public const int DefaultChunkSize = 1_000;
    public const int DefaultParallelism = 2;
    private const string Database = "bench";
    private const string Collection = "snapshot";
    private const string TopicPrefix = "snapshot";

    /// <summary>Rounds of (find, find in chunk-size batches, cdc run) at N documents; each side's best counts.</summary>
    private const int Rounds = 3;
    private const string QuarterTopicPrefix = "snapshot-quarter";
    private const int Partitions = 4;

    /// <summary>The connector opens its change stream at "now" and no one writes meanwhile: no history is needed.</summary>
    private const int OplogWindow = 1_000;

    /// <summary>
    /// Runs the benchmark; with <paramref name="otherCdcDll"/> (<c>--cdc</c>), every round also runs that build's `cdc run`
    /// on the same collection, for a side-by-side comparison of two builds in one run.
    /// </summary>
    public static async Task<SnapshotResult> RunAsync(int documents, int chunkSize, int parallelism, string? otherCdcDll, TextWriter log)
    {
        var thisDll = RepositoryPaths.ConnectorDll;
        var otherDll = otherCdcDll is null ? null : Path.GetFullPath(otherCdcDll);
        var quarter = Math.Max(1, documents / 4);
        var timeout = TimeSpan.FromSeconds(120 + (documents / 500));
        await using var sandbox = await SandboxProcess.StartAsync(OplogWindow, kafkaBrokers: 3).ConfigureAwait(false);
        await sandbox.CreateTopicAsync($"{QuarterTopicPrefix}.{Database}.{Collection}", Partitions).ConfigureAwait(false);
        for (var round = 0; round < Rounds; round++)
        {
            await sandbox.CreateTopicAsync($"{RoundTopicPrefix(round, other: false)}.{Database}.{Collection}", Partitions).ConfigureAwait(false);
            if (otherDll is not null)
            {
                await sandbox.CreateTopicAsync($"{RoundTopicPrefix(round, other: true)}.{Database}.{Collection}", Partitions).ConfigureAwait(false);
            }
        }

        using var deadline = new CancellationTokenSource(timeout * 8);

        Insert(new InsertWriter(Collection, quarter, seed: 5), sandbox.MongoDbUri, log);
        var quarterFind = FindAll(sandbox, quarter, null, "driver find", log, deadline.Token);
        var quarterCdc = await RunConnectorAsync(thisDll, "cdc run", sandbox, QuarterTopicPrefix, chunkSize, parallelism, quarter, timeout, log).ConfigureAwait(false);

        if (documents > quarter)
        {
            Insert(new InsertWriter(Collection, documents - quarter, seed: 6), sandbox.MongoDbUri, log);
        }

        FindAll(sandbox, documents, null, "warm-up (untimed) driver find", log, deadline.Token);
        var finds = new List<DriverFindPass>();
        var batchFinds = new List<DriverFindPass>();
        var cdcRuns = new List<ConnectorSnapshotFigures>();
        var otherRuns = new List<ConnectorSnapshotFigures>();
        var sides = otherDll is null ? 3 : 4;
        for (var round = 0; round < Rounds; round++)
        {
            // The order turns each round, so a garbage collection of the emulator's large heap lands on each side alike.
            for (var step = 0; step < sides; step++)
            {
                switch ((round + step) % sides)
                {
                    case 0:
                        finds.Add(FindAll(sandbox, documents, null, $"round {round + 1}: driver find", log, deadline.Token));
                        break;
                    case 1:
                        batchFinds.Add(FindAll(sandbox, documents, chunkSize, $"round {round + 1}: driver find, batchSize {chunkSize}", log, deadline.Token));
                        break;
                    case 2:
                        cdcRuns.Add(await RunConnectorAsync(thisDll, "cdc run", sandbox, RoundTopicPrefix(round, other: false), chunkSize, parallelism, documents, timeout, log).ConfigureAwait(false));
                        break;
                    default:
                        otherRuns.Add(await RunConnectorAsync(otherDll!, "cdc run (--cdc)", sandbox, RoundTopicPrefix(round, other: true), chunkSize, parallelism, documents, timeout, log).ConfigureAwait(false));
                        break;
                }
            }
        }

        var result = new SnapshotResult(chunkSize, parallelism, finds, batchFinds, cdcRuns, quarterFind, quarterCdc, otherRuns);
        log.WriteLine(
            $"snapshot: cdc {result.Cdc.RowsPerSecond:N0} rows/s against find's {result.Find.RowsPerSecond:N0} (ratio {result.Ratio:0.00}, target {SnapshotResult.TargetRatio}) " +
            $"and find's with batchSize {chunkSize} {result.BatchFind.RowsPerSecond:N0} (ratio {result.RatioToBatchFind:0.00}); " +
            $"peak RSS {quarterCdc.PeakRssMb:N0} MiB at {quarter:N0} documents, {result.CdcPeakRssMb:N0} MiB at {documents:N0} ({result.PeakRssGrowthMb:N0} MiB more for {result.AddedDataMb:N0} MiB more data)");
        if (result.Other is { } other)
        {
            log.WriteLine($"snapshot: --cdc {otherDll}: {other.RowsPerSecond:N0} rows/s at best; this build {result.Cdc.RowsPerSecond:N0} ({result.Cdc.RowsPerSecond / other.RowsPerSecond:0.00}x)");
        }
        return result;
    }

    /// <summary>Each cdc run at N writes a topic of its own, so each can be counted.</summary>
    private static string RoundTopicPrefix(int round, bool other) => $"{TopicPrefix}-{round + 1}{(other ? "-other" : "")}";

    private static void Insert(InsertWriter writer, string uri, TextWriter log)
    {
        writer.Run(uri, Database);
        var seconds = Stopwatch.GetElapsedTime(writer.FirstWriteTimestamp, writer.LastWriteTimestamp).TotalSeconds;
        log.WriteLine($"snapshot: inserted {writer.Documents:N0} documents of ≈{writer.BytesPerDocument:N0} bytes into {Database}.{Collection} ({writer.Documents / seconds:N0}/s)");

        // The prebuilt insert commands (hundreds of MB) are garbage once written: collected here, not during a timed find.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static DriverFindPass FindAll(SandboxProcess sandbox, long documents, int? batchSize, string what, TextWriter log, CancellationToken cancellationToken)
    {
        var pass = DriverFind.Read(sandbox.MongoDbUri, sandbox.ProcessId, Database, Collection, batchSize, cancellationToken);
        if (pass.Rows != documents)
        {
            throw new InvalidOperationException($"snapshot: the driver's find read {pass.Rows:N0} documents of {Database}.{Collection}, not {documents:N0}.");
        }

        log.WriteLine(
            $"snapshot: {what}: {pass.Rows:N0} documents, {pass.Bytes / 1e6:N0} MB in {pass.Seconds:0.00} s: {pass.RowsPerSecond:N0} rows/s, {pass.MegabytesPerSecond:N0} MB/s; " +
            $"CPU {pass.CpuSeconds:0.00} s here, {pass.SandboxCpuSeconds:0.00} s in cdc sandbox");
        return pass;
    }

    private static async Task<ConnectorSnapshotFigures> RunConnectorAsync(
        string dll, string what, SandboxProcess sandbox, string topicPrefix, int chunkSize, int parallelism, long documents, TimeSpan timeout, TextWriter log)
    {
        var figures = await ConnectorSnapshotRun.RunAsync(dll, sandbox, Database, Collection, topicPrefix, Partitions, chunkSize, parallelism, documents, timeout).ConfigureAwait(false);
        log.WriteLine(
            $"snapshot: {what} {documents:N0} rows in {figures.SnapshotSeconds:0.00} s from its Snapshot: line to exit 0 ({figures.RowsPerSecond:N0} rows/s; " +
            $"{figures.ProcessSeconds:0.00} s from process start), {figures.CpuSeconds:0.00} s CPU ({figures.SandboxCpuSeconds:0.00} s in cdc sandbox), " +
            $"peak RSS {figures.PeakRssMb:N0} MiB, {figures.TopicRecords:N0} records on the topic");
        return figures;
    }
}
