using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Source;

namespace Cdc.Connector.Pipeline;

/// <summary>The pipeline's bounds, timings and policies, taken from the configuration once (tests build their own).</summary>
internal sealed record PipelineSettings
{
    public string Name { get; init; } = "cdc";

    public int MaxInFlightEvents { get; init; } = 20_000;

    public long MaxInFlightBytes { get; init; } = 64L * 1024 * 1024;

    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RestartBackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A cycle that ran this long without failing resets the restart backoff.</summary>
    public TimeSpan HealthyPeriod { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one checkpoint save may take before it counts as failed.</summary>
    public TimeSpan CheckpointSaveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>mongodb.onHistoryLost=restartFromNow (otherwise fail).</summary>
    public bool RestartFromNowOnHistoryLost { get; init; }

    /// <summary>mongodb.onInvalidate=reopen (otherwise stop).</summary>
    public bool ReopenOnInvalidate { get; init; } = true;

    /// <summary>kafka.deadLetterTopic is set.</summary>
    public bool HasDeadLetterTopic { get; init; }

    /// <summary>mapping.oversize: what happens to a record over <see cref="MessageMaxBytes"/>.</summary>
    public OversizePolicy Oversize { get; init; } = OversizePolicy.Fail;

    /// <summary>kafka.producer.message.max.bytes: the limit a record is weighed against before it is produced.</summary>
    public long MessageMaxBytes { get; init; } = ProducerConfigBuilder.LibrdkafkaDefaultMessageMaxBytes;

    /// <summary>What the stream watches, for the fixes of failures (privileges name its resource).</summary>
    public WatchTarget Target { get; init; } = new ClusterWatchTarget();

    /// <summary>How an operator removes this pipeline's checkpoint, for the fix of a lost position.</summary>
    public string CheckpointRemovalHint { get; init; } = "remove the checkpoint";

    /// <summary>snapshot.mode.</summary>
    public SnapshotMode SnapshotMode { get; init; } = SnapshotMode.Never;

    /// <summary>snapshot.chunkSize.</summary>
    public int SnapshotChunkSize { get; init; } = 1000;

    /// <summary>snapshot.parallelism.</summary>
    public int SnapshotParallelism { get; init; } = 2;

    /// <summary>
    /// How long registering the known namespaces' schemas before the first event may take in all, listing included
    /// (<see cref="SchemaPreRegistration"/>): it delays nothing that was not waiting for the registry anyway, but a
    /// registry or MongoDB that answers slowly must not hold the first events back for long.
    /// </summary>
    public TimeSpan PreRegistrationBudget { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this many namespaces have their schemas registered before the first event; the others on their first event.</summary>
    public int PreRegistrationLimit { get; init; } = 1_000;

    /// <summary>Hears each event's tracked-to-acknowledged latency (benchmarks, metrics); none by default.</summary>
    public IAckLatencyObserver? AckLatencyObserver { get; init; }

    public static PipelineSettings From(CdcOptions options) => new()
    {
        Name = options.Pipeline.Name,
        MaxInFlightEvents = options.Pipeline.MaxInFlightEvents,
        MaxInFlightBytes = options.Pipeline.MaxInFlightBytes,
        ShutdownGrace = TimeSpan.FromMilliseconds(options.Pipeline.ShutdownGraceMs),
        RestartBackoff = TimeSpan.FromMilliseconds(options.Pipeline.RestartBackoffMs),
        RestartBackoffMax = TimeSpan.FromMilliseconds(options.Pipeline.RestartBackoffMaxMs),
        HealthyPeriod = TimeSpan.FromMilliseconds(Math.Max(60_000, options.Pipeline.RestartBackoffMaxMs * 2L)),
        CheckpointInterval = TimeSpan.FromMilliseconds(options.Checkpoint.IntervalMs),
        RestartFromNowOnHistoryLost = options.MongoDb.OnHistoryLost == HistoryLostAction.RestartFromNow,
        ReopenOnInvalidate = options.MongoDb.OnInvalidate == InvalidateAction.Reopen,
        HasDeadLetterTopic = !string.IsNullOrEmpty(options.Kafka.DeadLetterTopic),
        Oversize = options.Mapping.Oversize,
        MessageMaxBytes = ProducerConfigBuilder.MessageMaxBytes(options.Kafka.Producer),
        Target = WatchTarget.From(options.MongoDb),
        CheckpointRemovalHint = CheckpointRemoval.Hint(options),
        SnapshotMode = options.Snapshot.Mode,
        SnapshotChunkSize = options.Snapshot.ChunkSize,
        SnapshotParallelism = options.Snapshot.Parallelism,
    };
}
