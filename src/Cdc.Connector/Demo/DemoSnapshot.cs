namespace Cdc.Connector.Demo;

/// <summary>Everything the live view and the progress line show, taken at one moment (4 times a second).</summary>
internal sealed record DemoSnapshot
{
    public required TimeSpan Elapsed { get; init; }

    /// <summary>What the demo is doing: "running", "stopping: …".</summary>
    public required string Stage { get; init; }

    public required string ConnectorPhase { get; init; }

    public required long WorkloadOperations { get; init; }

    public required double WorkloadOperationsPerSecond { get; init; }

    public required long Transactions { get; init; }

    public required long EventsRead { get; init; }

    public required double ReadPerSecond { get; init; }

    public required long EventsPublished { get; init; }

    public required double PublishedPerSecond { get; init; }

    public required double? SourceLagSeconds { get; init; }

    public required (double P50, double P99, int Samples)? RecentLatency { get; init; }

    public required long InFlightEvents { get; init; }

    public required string? CheckpointPosition { get; init; }

    public required TimeSpan? CheckpointAge { get; init; }

    public required long CheckpointsCommitted { get; init; }

    public required long Restarts { get; init; }

    public required long DeadLettered { get; init; }

    public required IReadOnlyDictionary<string, long> ReadByOperationType { get; init; }

    public required IReadOnlyDictionary<string, long> PublishedByOperationType { get; init; }

    public required IReadOnlyDictionary<string, long> ConsumedByOperationType { get; init; }

    public required IReadOnlyDictionary<string, long> ConsumedByTopic { get; init; }

    public required IReadOnlyDictionary<string, long> ExpectedByTopic { get; init; }

    public required long ConsumedRecords { get; init; }

    public required double ConsumedPerSecond { get; init; }

    public required long DecodeFailures { get; init; }

    public required long Tombstones { get; init; }

    public required IReadOnlyList<ConsumedRecord> LastRecords { get; init; }

    public required string? MetricsUrl { get; init; }

    public required IReadOnlyList<string> LogLines { get; init; }

    /// <summary>The connector's last cycle failure, or the workload's last refused write, when there is one.</summary>
    public required string? LastProblem { get; init; }
}
