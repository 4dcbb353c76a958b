using System.Diagnostics;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using MongoDB.Driver;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Cdc.Sandbox.Host;
using Microsoft.Extensions.Logging;

namespace Cdc.Demo;

/// <summary>
/// One `cdc demo` run in one process: the sandbox, a shop that already holds data, the connector on it (which first
/// publishes that data as a snapshot), the shop workload writing to MongoDB, and the consumer decoding what arrives in
/// Kafka. <see cref="StartAsync"/> brings the parts up in data-flow order,
/// <see cref="StopAsync"/> takes them down so that nothing is left in flight: the workload stops first, the connector
/// reads what was written and hands it to Kafka, flushes and commits, the consumer drains, then the sandbox goes.
/// </summary>
internal sealed class DemoSession : IAsyncDisposable
{
    /// <summary>Partitions of each demo topic (created before the connector starts, so the consumer can assign them at once).</summary>
    public const int Partitions = 4;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(15);
    // The consumer drains for as long as it keeps decoding (a snapshot can leave thousands of records to decode on a busy
    // machine); it is given up only after this long without a single new record, or after DrainLimit in all.
    private static readonly TimeSpan DrainStall = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(3);

    private readonly WorkloadSettings _workloadSettings;
    private readonly SeededShopSettings _seedSettings;
    private readonly Func<CdcOptions, ILoggerFactory, IEmbeddedConnector> _createConnector;
    private readonly Action<string> _say;
    private readonly LogRing _log = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly Lock _snapshotLock = new();
    private readonly RateMeter _readRate = new(TimeSpan.FromSeconds(2));
    private readonly RateMeter _publishedRate = new(TimeSpan.FromSeconds(2));
    private readonly RateMeter _consumedRate = new(TimeSpan.FromSeconds(2));
    private readonly RateMeter _workloadRate = new(TimeSpan.FromSeconds(2));
    private readonly CancellationTokenSource _connectorStop = new();
    private readonly CancellationTokenSource _workloadStop = new();
    private readonly RunClock _clock = new();
    private SandboxHost? _sandbox;
    private DirectoryInfo? _directory;
    private string _checkpointPath = "";
    private IEmbeddedConnector? _connector;
    private Task<PipelineExit>? _connectorExit;
    private DemoConsumer? _consumer;
    private MongoClient? _mongo;
    private SeededShop _seeded = SeededShop.Empty;
    private ShopWorkload? _workload;
    private Thread? _workloadThread;
    private volatile string _stage = "starting";

    /// <param name="workloadSettings">How the shop workload writes.</param>
    /// <param name="createConnector">
    /// Wires the connector on the demo's options, as `cdc run` does (the program passes its own); throws
    /// <see cref="DllNotFoundException"/>, <see cref="ArgumentException"/> or <see cref="CheckpointStoreException"/>
    /// when wiring fails.
    /// </param>
    /// <param name="say">Where the session says what it is doing.</param>
    /// <param name="seedSettings">The shop written before the connector starts (default: <see cref="SeededShopSettings"/>'s sizes).</param>
    public DemoSession(
        WorkloadSettings workloadSettings, Func<CdcOptions, ILoggerFactory, IEmbeddedConnector> createConnector, Action<string> say, SeededShopSettings? seedSettings = null)
    {
        _workloadSettings = workloadSettings;
        _seedSettings = seedSettings ?? new SeededShopSettings();
        _createConnector = createConnector;
        _say = say;
        _loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(new RingLoggerProvider(_log)));
    }

    public LogRing Log => _log;

    /// <summary>The live view's page (the connector's operations endpoint, http.liveView), once the connector listens.</summary>
    public string? LiveViewUrl => _connector?.HttpAddress is { } address ? new Uri(address, "/").ToString() : null;

    /// <summary>
    /// Where an outside client reaches the sandbox (docs/demo.md): "  MongoDB URI  Kafka BOOTSTRAP  Schema Registry URL",
    /// said once the sandbox is up and again when --keep keeps it.
    /// </summary>
    public string EndpointsLine => _sandbox?.Endpoints is { } endpoints
        ? $"  MongoDB {endpoints.MongoDb}  Kafka {endpoints.Kafka}  Schema Registry {endpoints.SchemaRegistry}"
        : "  (the sandbox is not running)";

    /// <summary>The running sandbox (null until <see cref="StartAsync"/> brought it up), for tests that slow or fail one of its parts.</summary>
    public SandboxHost? Sandbox => _sandbox;

    /// <summary>Completes when the connector stops by itself (a failure restarting cannot fix).</summary>
    public Task ConnectorExited => _connectorExit ?? Task.CompletedTask;

    /// <summary>
    /// Starts every part; throws <see cref="DemoStartException"/> with one sentence when a part cannot start
    /// (a missing native library among them).
    /// </summary>
    public async Task StartAsync(CancellationToken stopping)
    {
        // The native Kafka library is checked before anything starts, so a missing one is the first and only line.
        try
        {
            LibrdkafkaLoader.EnsureLoaded();
        }
        catch (DllNotFoundException e)
        {
            throw new DemoStartException(e.Message, e);
        }

        _say("starting the sandbox: MongoDB emulator, embedded Kafka (3 brokers), Schema Registry…");
        try
        {
            _sandbox = await SandboxHost.StartAsync(new SandboxHostOptions(), _loggerFactory, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or SandboxStartException)
        {
            throw new DemoStartException($"the sandbox did not start: {e.Message}", e);
        }

        var endpoints = _sandbox.Endpoints;
        _say(EndpointsLine);
        foreach (var collection in DemoTopics.Collections)
        {
            _sandbox.Kafka.CreateTopic(DemoTopics.TopicOf(collection), Partitions);
        }

        // Written before the connector starts, so the connector's first start finds them and snapshots them (snapshot.mode initial).
        _mongo = MongoClientFactory.Create(endpoints.MongoDb, "cdc-demo-shop", _loggerFactory);
        if (_seedSettings.Customers > 0)
        {
            _say($"seeding the shop: {DemoFormat.Count(_seedSettings.Customers)} customers and {DemoFormat.Count(_seedSettings.Orders)} orders (with their payments) that exist before the connector starts…");
            try
            {
                _seeded = await ShopSeeder.SeedAsync(_mongo, _seedSettings, DateTime.UtcNow, stopping).ConfigureAwait(false);
            }
            catch (MongoException e)
            {
                throw new DemoStartException($"the shop could not be seeded: {e.Message}", e);
            }
        }

        _directory = Directory.CreateTempSubdirectory("cdc-demo-");
        _checkpointPath = Path.Combine(_directory.FullName, "checkpoint.json");
        CdcOptions options;
        try
        {
            options = DemoConnectorOptions.Create(endpoints, _checkpointPath, _workloadSettings.TypedValues);
        }
        catch (ConfigurationException e)
        {
            throw new DemoStartException($"the demo's connector configuration was refused: {string.Join("; ", e.Problems)}", e);
        }

        _say($"starting the connector: change stream on database '{DemoTopics.Database}' → topics {DemoTopics.TopicPrefix}.{DemoTopics.Database}.*, checkpoint in a temporary file…");
        try
        {
            _connector = _createConnector(options, _loggerFactory);
        }
        catch (Exception e) when (e is DllNotFoundException or ArgumentException or CheckpointStoreException)
        {
            throw new DemoStartException($"the connector did not start: {e.Message}", e);
        }

        _connectorExit = _connector.Start(_connectorStop.Token);
        await WaitForStreamAsync(stopping).ConfigureAwait(false);

        _say("starting the consumer: reading every cdc.shop.* topic, decoding through the Schema Registry…");
        _consumer = new DemoConsumer(endpoints.Kafka, endpoints.SchemaRegistry, [.. DemoTopics.Collections.Select(DemoTopics.TopicOf)], Partitions, _loggerFactory.CreateLogger("Cdc.Demo.Consumer"));
        _consumer.Start();

        _say($"starting the shop workload: about {_workloadSettings.OperationsPerSecond} writes/s with bursts (customers, orders, payments, transactions)…");

        // The seeded documents are changed only once the connector has snapshotted them (see ShopWorkload).
        var counters = _connector.Counters;
        _workload = new ShopWorkload(_mongo, _workloadSettings, _seeded, () => counters.SnapshotRows.Progress is { IsComplete: true });
        var token = _workloadStop.Token;
        _workloadThread = new Thread(() => RunWorkload(token)) { IsBackground = true, Name = "cdc-demo-workload" };
        _clock.WorkloadStarted();
        _workloadThread.Start();
        _stage = DemoSnapshot.Running;
    }

    /// <summary>Stops the parts in data-flow order and returns the summary of the run.</summary>
    public async Task<DemoSummary> StopAsync()
    {
        _stage = "stopping: the workload";
        await _workloadStop.CancelAsync().ConfigureAwait(false);
        _workloadThread?.Join(TimeSpan.FromSeconds(10));
        _clock.WorkloadStopped();

        var connector = _connector!;
        var workload = _workload!;
        // Handed to Kafka, not merely read: an event read while its topic's schemas are still being registered would be
        // abandoned by the stop below (kept for a restart, at-least-once), and the run's counts would not add up.
        // The same for the snapshot: the last rows of a snapshot the workload outran would otherwise be left for a restart.
        _stage = "stopping: the connector reads and hands over the last writes";
        await WaitUntilAsync(() => CaughtUp(connector.Counters, workload.Counters) || _connectorExit!.IsCompleted, CatchUpTimeout).ConfigureAwait(false);

        _stage = "stopping: the connector flushes and commits";
        await _connectorStop.CancelAsync().ConfigureAwait(false);
        PipelineExit? exit;
        try
        {
            exit = await _connectorExit!.WaitAsync(TimeSpan.FromMilliseconds(connector.Options.Pipeline.ShutdownGraceMs) + TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            exit = null;
        }

        _clock.ConnectorStopped();
        _stage = "stopping: the consumer drains";
        var consumer = _consumer!;
        await DrainAsync(consumer, connector.Counters.EventsPublished + connector.Counters.Tombstones).ConfigureAwait(false);
        consumer.Stop();
        _clock.ConsumerDrained();
        _stage = "finished";
        return DemoSummary.Create(
            _clock.WorkloadDuration.TotalSeconds,
            _seeded,
            workload.Counters,
            connector.Counters,
            connector.Status.SourceLagSeconds,
            exit,
            consumer.Statistics);
    }

    public DemoSnapshot Snapshot()
    {
        lock (_snapshotLock)
        {
            var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var counters = _connector?.Counters ?? new PipelineCounters();
            var status = _connector?.Status;
            var workload = _workload?.Counters ?? new WorkloadCounters();
            var consumer = _consumer?.Statistics ?? new ConsumerStatistics();
            var (position, age) = CheckpointView(status);
            var consumedEvents = consumer.Records - consumer.Tombstones;
            var published = counters.PublishedByOperationType();
            var snapshot = SnapshotStatus.Of(_seeded, counters.SnapshotRows, published.GetValueOrDefault(SnapshotStatus.OperationType));

            // Once the run is over the rates of the last 2 s only fall towards zero: the last frame shows each count over
            // the time its part ran instead, and the latency of the whole run.
            var finished = _clock.Finished;
            return new DemoSnapshot
            {
                Elapsed = _clock.Elapsed,
                Stage = _stage,
                Finished = finished,
                ConnectorPhase = status?.Phase.ToString() ?? "-",
                WorkloadOperations = workload.Operations,
                WorkloadOperationsPerSecond = finished ? _clock.WorkloadAverage(workload.Operations) : _workloadRate.Sample(nowMs, workload.Operations),
                Transactions = workload.Transactions,
                EventsRead = counters.EventsRead,
                ReadPerSecond = finished ? _clock.ConnectorAverage(counters.EventsRead) : _readRate.Sample(nowMs, counters.EventsRead),
                EventsPublished = counters.EventsPublished,
                PublishedTombstones = counters.Tombstones,
                PublishedPerSecond = finished ? _clock.ConnectorAverage(counters.EventsPublished) : _publishedRate.Sample(nowMs, counters.EventsPublished),
                SourceLagSeconds = status?.SourceLagSeconds,
                Latency = finished ? RunLatency(consumer.Latency) : consumer.RecentLatency.Percentiles(nowMs) is { } recent ? (recent.P50, recent.P99) : null,
                InFlightEvents = status?.InFlightEvents ?? 0,
                CheckpointPosition = position,
                CheckpointAge = age,
                CheckpointsCommitted = counters.CheckpointsCommitted,
                Restarts = counters.Restarts,
                DeadLettered = counters.DeadLettered,
                InitialSnapshot = snapshot,
                ReadByOperationType = counters.ReadByOperationType(),
                PublishedByOperationType = published,
                ConsumedByOperationType = consumer.ByOperationType(),
                ConsumedByTopic = consumer.ByTopic(),
                ExpectedByTopic = ExpectedByTopic(workload, snapshot),
                ConsumedRecords = consumer.Records,
                ConsumedPerSecond = finished ? _clock.ConsumerAverage(consumedEvents) : _consumedRate.Sample(nowMs, consumedEvents),
                DecodeFailures = consumer.DecodeFailures,
                ConsumedTombstones = consumer.Tombstones,
                LastRecords = consumer.LastRecords(),
                MetricsUrl = _connector?.HttpAddress is { } address ? new Uri(address, "/metrics").ToString() : null,
                LogLines = _log.Last(ViewLayout.MaxLogRows),
                LastProblem = status?.LastFailure ?? consumer.LastDecodeError ?? workload.LastFailure,
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _workloadStop.CancelAsync().ConfigureAwait(false);
        _workloadThread?.Join(TimeSpan.FromSeconds(10));
        await _connectorStop.CancelAsync().ConfigureAwait(false);
        if (_connectorExit is not null)
        {
            try
            {
                await _connectorExit.WaitAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Disposing below closes its clients under it; the process is ending anyway.
            }
        }

        _consumer?.Dispose();
        _mongo?.Dispose();
        _connector?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            _directory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }

        _loggerFactory.Dispose();
        _connectorStop.Dispose();
        _workloadStop.Dispose();
    }

    /// <summary>
    /// The workload may only start once the stream's start position is fixed, or its first writes would fall before it.
    /// That is known when the connector reports it is reading, or, without that, when it has saved its start position
    /// as the first checkpoint (a fresh start saves "now" at once, before opening the stream just after it).
    /// </summary>
    private async Task WaitForStreamAsync(CancellationToken stopping)
    {
        var connector = _connector!;
        var started = Stopwatch.GetTimestamp();
        while (connector.Status.Phase != PipelinePhase.Reading && !File.Exists(_checkpointPath))
        {
            if (_connectorExit!.IsCompleted)
            {
                var exit = await _connectorExit.ConfigureAwait(false);
                throw new DemoStartException($"the connector stopped while starting: {exit.Error ?? "no error given"}");
            }

            if (Stopwatch.GetElapsedTime(started) > ReadyTimeout)
            {
                throw new DemoStartException($"the connector did not open its change stream within {ReadyTimeout.TotalSeconds:0} s; last log lines: {string.Join(" | ", _log.Last(3))}");
            }

            await Task.Delay(25, stopping).ConfigureAwait(false);
        }
    }

    private void RunWorkload(CancellationToken stopping)
    {
        try
        {
            _workload!.Run(stopping);
        }
        catch (Exception e) when (e is MongoException or ObjectDisposedException)
        {
            _workload!.Counters.OperationFailed($"workload stopped: {e.Message}");
        }
    }

    private (string? Position, TimeSpan? Age) CheckpointView(ConnectorStatus? status)
    {
        if (status?.CommittedPosition is { } committed)
        {
            return (committed.Describe(), DateTimeOffset.UtcNow - status.LastCheckpointAt);
        }

        // The live status does not know it (yet): read what the store wrote, as an operator would.
        return _checkpointPath.Length > 0 && CheckpointFileView.TryRead(_checkpointPath, "demo") is { } stored
            ? (stored.Position.Describe(), DateTimeOffset.UtcNow - stored.CommittedAt)
            : (null, null);
    }

    /// <summary>
    /// The connector has handed over everything there is: every change event the workload's writes caused (handed to the
    /// producer, sent to the dead-letter topic, or skipped) and, when the shop was seeded, its whole snapshot.
    /// </summary>
    private bool CaughtUp(PipelineCounters counters, WorkloadCounters workload)
    {
        var snapshotPublished = counters.PublishedByOperationType().GetValueOrDefault(SnapshotStatus.OperationType);
        var changesForwarded = counters.EventsPublished - snapshotPublished + counters.DeadLettered + counters.EventsSkipped;
        var rows = counters.SnapshotRows;
        var snapshotDone = _seeded.Documents == 0 || (rows.Progress is { IsComplete: true } && snapshotPublished >= rows.RowsEmitted);
        return changesForwarded >= workload.Events && snapshotDone;
    }

    /// <summary>The workload's expected records per topic plus the snapshot rows of each topic's collection.</summary>
    private static Dictionary<string, long> ExpectedByTopic(WorkloadCounters workload, SnapshotStatus snapshot)
    {
        var expected = new Dictionary<string, long>(workload.ExpectedRecordsByTopic(), StringComparer.Ordinal);
        foreach (var (collection, rows) in snapshot.RowsByCollection)
        {
            var topic = DemoTopics.TopicOf(collection);
            expected[topic] = expected.GetValueOrDefault(topic) + rows;
        }

        return expected;
    }

    private static (double P50, double P99)? RunLatency(LatencyHistogram latency) =>
        latency.Percentile(0.50) is { } p50 && latency.Percentile(0.99) is { } p99 ? (p50, p99) : null;

    /// <summary>Waits until the consumer has <paramref name="expected"/> records, while it makes progress (see <see cref="DrainStall"/>).</summary>
    private static async Task DrainAsync(DemoConsumer consumer, long expected)
    {
        var started = Stopwatch.GetTimestamp();
        var lastProgress = started;
        var seen = consumer.Statistics.Records;
        while (consumer.Statistics.Records < expected
            && Stopwatch.GetElapsedTime(lastProgress) < DrainStall
            && Stopwatch.GetElapsedTime(started) < DrainLimit)
        {
            await Task.Delay(50).ConfigureAwait(false);
            var now = consumer.Statistics.Records;
            if (now > seen)
            {
                seen = now;
                lastProgress = Stopwatch.GetTimestamp();
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition() && Stopwatch.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
