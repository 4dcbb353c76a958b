namespace Cdc.Connector.Observability;

/// <summary>The lower-case names of <see cref="PipelinePhase"/> used in /readyz and the cdc_pipeline_phase label.</summary>
internal static class PhaseNames
{
    public static readonly PipelinePhase[] All = Enum.GetValues<PipelinePhase>();

    public static string Of(PipelinePhase phase) => phase switch
    {
        PipelinePhase.Starting => "starting",
        PipelinePhase.Reading => "reading",
        PipelinePhase.Restarting => "restarting",
        PipelinePhase.Stopping => "stopping",
        PipelinePhase.Stopped => "stopped",
        PipelinePhase.Failed => "failed",
        _ => "unknown",
    };
}
