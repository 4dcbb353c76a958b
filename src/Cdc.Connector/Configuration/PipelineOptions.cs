namespace Cdc.Connector.Configuration;

/// <summary>How one pipeline (one change stream → Kafka) runs: its identity, its memory bounds, and its restarts.</summary>
internal sealed class PipelineOptions
{
    /// <summary>Identifies the pipeline's checkpoint in the kafka and mongodb stores (several pipelines may share one).</summary>
    public string Name { get; set; } = "cdc";

    /// <summary>Events read from MongoDB whose Kafka records are not all acknowledged yet; at the cap, reading stops.</summary>
    public int MaxInFlightEvents { get; set; } = 20_000;

    /// <summary>Bytes of Kafka records produced and not yet acknowledged; at the cap, reading stops.</summary>
    public int MaxInFlightBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>On SIGTERM, how long to wait for outstanding deliveries and the final commit before giving up.</summary>
    public int ShutdownGraceMs { get; set; } = 30_000;

    /// <summary>First delay before restarting after a failure; doubles up to <see cref="RestartBackoffMaxMs"/>, with jitter.</summary>
    public int RestartBackoffMs { get; set; } = 500;

    public int RestartBackoffMaxMs { get; set; } = 30_000;
}
