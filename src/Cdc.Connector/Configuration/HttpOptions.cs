namespace Cdc.Connector.Configuration;

/// <summary>The operations endpoint: /healthz, /readyz and /metrics.</summary>
internal sealed class HttpOptions
{
    /// <summary>False: no HTTP listener at all (no probes, no metrics).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address to listen on: every interface by default, so a Kubernetes probe can reach the pod.</summary>
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>0: any free port, announced in the log (tests and the demo).</summary>
    public int Port { get; set; } = 8080;
}
