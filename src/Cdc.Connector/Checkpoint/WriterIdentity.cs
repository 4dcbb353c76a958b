using System.Globalization;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// Who holds a pipeline, as the instance that is refused reads it: the host name (a pod's name in Kubernetes), the
/// process id and when it claimed the pipeline.
/// </summary>
internal static class WriterIdentity
{
    /// <summary>"host web-1 pid 4242 since 2025-01-01T10:00:00Z".</summary>
    public static string Describe(DateTimeOffset since) =>
        string.Create(CultureInfo.InvariantCulture, $"host {Environment.MachineName} pid {Environment.ProcessId} since {since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
}
