namespace Cdc.Demo;

/// <summary>Everything the live view and the progress line show, taken at one moment (4 times a second).</summary>
internal sealed record DemoSnapshot
{
    /// <summary>The <see cref="Stage"/> while the workload writes: the only stage a Ctrl-C hint is for.</summary>
    public const string Running = "running";

    /// <summary>Time since the workload started; once <see cref="Finished"/>, the length of the whole run.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>What the demo is doing: "running", "stopping: …", "finished".</summary>
    public required string Stage { get; init; }

    /// <summary>
    /// The run is over (the last frame): the rates are then averages over the run and <see cref="Latency"/> covers the
    /// whole run, instead of figures of the last seconds that would fall towards zero once nothing moves.
    /// </summary>
    public required bool Finished { get; init; }

    public required string ConnectorPhase { get; init; }

    public required long WorkloadOperations { get; init; }

    public required double WorkloadOperationsPerSecond { get; init; }

    public required long Transactions { get; init; }

    public required long EventsRead { get; init; }

    public required double ReadPerSecond { get; init; }

    public required long EventsPublished { get; init; }

    /// <summary>Tombstones the connector published (one after each delete), beside <see cref="EventsPublished"/>.</summary>
    public required long PublishedTombstones { get; init; }

    public required double PublishedPerSecond { get; init; }

    public required double? SourceLagSeconds { get; init; }

    /// <summary>The consumer's end-to-end p50 and p99: of the last 10 s while running, of the whole run once <see cref="Finished"/>.</summary>
    public required (double P50, double P99)? Latency { get; init; }

    public required long InFlightEvents { get; init; }

    public required string? CheckpointPosition { get; init; }

    public required TimeSpan? CheckpointAge { get; init; }

    public required long CheckpointsCommitted { get; init; }

    public required long Restarts { get; init; }

    public required long DeadLettered { get; init; }

    /// <summary>The connector's snapshot of the shop as it was before it started.</summary>
    public required SnapshotStatus InitialSnapshot { get; init; }

    public required IReadOnlyDictionary<string, long> ReadByOperationType { get; init; }

    public required IReadOnlyDictionary<string, long> PublishedByOperationType { get; init; }

    public required IReadOnlyDictionary<string, long> ConsumedByOperationType { get; init; }

    public required IReadOnlyDictionary<string, long> ConsumedByTopic { get; init; }

    /// <summary>The records each topic must receive: the workload's (one per change event, one tombstone per delete) and the snapshot rows of its collection.</summary>
    public required IReadOnlyDictionary<string, long> ExpectedByTopic { get; init; }

    /// <summary>Records the consumer received, tombstones included: <see cref="ConsumedEvents"/> + <see cref="ConsumedTombstones"/>.</summary>
    public required long ConsumedRecords { get; init; }

    /// <summary>Records that are not tombstones: what <see cref="EventsPublished"/> compares with.</summary>
    public long ConsumedEvents => ConsumedRecords - ConsumedTombstones;

    /// <summary>The rate of <see cref="ConsumedEvents"/>, comparable with <see cref="PublishedPerSecond"/>.</summary>
    public required double ConsumedPerSecond { get; init; }

    public required long DecodeFailures { get; init; }

    public required long ConsumedTombstones { get; init; }

    public required IReadOnlyList<ConsumedRecord> LastRecords { get; init; }

    public required string? MetricsUrl { get; init; }

    public required IReadOnlyList<string> LogLines { get; init; }

    /// <summary>The connector's last cycle failure, or the workload's last refused write, when there is one.</summary>
    public required string? LastProblem { get; init; }
}
