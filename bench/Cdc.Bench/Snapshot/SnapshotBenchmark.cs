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
/// <item>the other 3N/4 are inserted; then the driver's find, `cdc run` (a fresh checkpoint and topic prefix), and the
/// driver's find again, so drift on the shared machine hits both sides.</item>
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
    private const string QuarterTopicPrefix = "snapshot-quarter";
    private const int Partitions = 4;

    /// <summary>The connector opens its change stream at "now" and no one writes meanwhile: no history is needed.</summary>
    private const int OplogWindow = 1_000;

    public static async Task<SnapshotResult> RunAsync(int documents, int chunkSize, int parallelism, TextWriter log)
    {
        var quarter = Math.Max(1, documents / 4);
        var timeout = TimeSpan.FromSeconds(120 + (documents / 500));
        await using var sandbox = await SandboxProcess.StartAsync(OplogWindow, kafkaBrokers: 3).ConfigureAwait(false);
        await sandbox.CreateTopicAsync($"{QuarterTopicPrefix}.{Database}.{Collection}", Partitions).ConfigureAwait(false);
        await sandbox.CreateTopicAsync($"{TopicPrefix}.{Database}.{Collection}", Partitions).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(timeout * 4);

        Insert(new InsertWriter(Collection, quarter, seed: 5), sandbox.MongoDbUri, log);
        var quarterFind = FindAll(sandbox.MongoDbUri, quarter, log, deadline.Token);
        var quarterCdc = await RunConnectorAsync(sandbox, QuarterTopicPrefix, chunkSize, parallelism, quarter, timeout, log).ConfigureAwait(false);

        if (documents > quarter)
        {
            Insert(new InsertWriter(Collection, documents - quarter, seed: 6), sandbox.MongoDbUri, log);
        }

        var finds = new List<DriverFindPass> { FindAll(sandbox.MongoDbUri, documents, log, deadline.Token) };
        var cdc = await RunConnectorAsync(sandbox, TopicPrefix, chunkSize, parallelism, documents, timeout, log).ConfigureAwait(false);
        finds.Add(FindAll(sandbox.MongoDbUri, documents, log, deadline.Token));

        var result = new SnapshotResult(chunkSize, parallelism, finds, cdc, quarterFind, quarterCdc);
        log.WriteLine(
            $"snapshot: cdc {result.Cdc.RowsPerSecond:N0} rows/s against find's {result.Find.RowsPerSecond:N0} (ratio {result.Ratio:0.00}, target {SnapshotResult.TargetRatio}); " +
            $"peak RSS {quarterCdc.PeakRssMb:N0} MiB at {quarter:N0} documents, {cdc.PeakRssMb:N0} MiB at {documents:N0} ({result.PeakRssGrowthMb:N0} MiB more for {result.AddedDataMb:N0} MiB more data)");
        return result;
    }

    private static void Insert(InsertWriter writer, string uri, TextWriter log)
    {
        writer.Run(uri, Database);
        var seconds = Stopwatch.GetElapsedTime(writer.FirstWriteTimestamp, writer.LastWriteTimestamp).TotalSeconds;
        log.WriteLine($"snapshot: inserted {writer.Documents:N0} documents of ≈{writer.BytesPerDocument:N0} bytes into {Database}.{Collection} ({writer.Documents / seconds:N0}/s)");
    }

    private static DriverFindPass FindAll(string uri, long documents, TextWriter log, CancellationToken cancellationToken)
    {
        var pass = DriverFind.Read(uri, Database, Collection, cancellationToken);
        if (pass.Rows != documents)
        {
            throw new InvalidOperationException($"snapshot: the driver's find read {pass.Rows:N0} documents of {Database}.{Collection}, not {documents:N0}.");
        }

        log.WriteLine($"snapshot: driver find {pass.Rows:N0} documents, {pass.Bytes / 1e6:N0} MB in {pass.Seconds:0.00} s: {pass.RowsPerSecond:N0} rows/s, {pass.MegabytesPerSecond:N0} MB/s");
        return pass;
    }

    private static async Task<ConnectorSnapshotFigures> RunConnectorAsync(
        SandboxProcess sandbox, string topicPrefix, int chunkSize, int parallelism, long documents, TimeSpan timeout, TextWriter log)
    {
        var figures = await ConnectorSnapshotRun.RunAsync(sandbox, Database, Collection, topicPrefix, Partitions, chunkSize, parallelism, documents, timeout).ConfigureAwait(false);
        log.WriteLine(
            $"snapshot: cdc run {documents:N0} rows in {figures.SnapshotSeconds:0.00} s from its Snapshot: line to exit 0 ({figures.RowsPerSecond:N0} rows/s; " +
            $"{figures.ProcessSeconds:0.00} s from process start), {figures.CpuSeconds:0.00} s CPU, peak RSS {figures.PeakRssMb:N0} MiB, {figures.TopicRecords:N0} records on the topic");
        return figures;
    }
}
