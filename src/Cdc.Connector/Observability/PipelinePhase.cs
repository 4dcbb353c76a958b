namespace Cdc.Connector.Observability;

/// <summary>Where the pipeline is in its life, for /readyz, /metrics and the demo.</summary>
internal enum PipelinePhase
{
    /// <summary>Loading the checkpoint, connecting, opening the change stream.</summary>
    Starting,

    /// <summary>The change stream is open and events flow (or the stream is idle and caught up).</summary>
    Reading,

    /// <summary>A cycle failed; waiting out the backoff before reopening from the last checkpoint.</summary>
    Restarting,

    /// <summary>Stop requested: flushing deliveries and committing the final checkpoint.</summary>
    Stopping,

    /// <summary>Stopped cleanly.</summary>
    Stopped,

    /// <summary>Stopped by a failure that restarting cannot fix.</summary>
    Failed,
}
