namespace Cdc.Connector.Pipeline;

/// <summary>How the connector ended: its exit code and, for a failure, the one line that says why.</summary>
internal sealed record PipelineExit(int ExitCode, string? Error)
{
    public static PipelineExit Success { get; } = new(0, null);

    public static PipelineExit Failed(string error) => new(1, error);
}
