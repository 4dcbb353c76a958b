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

    /// <summary>
    /// True: GET / serves the live view of published changes and /changes its WebSocket. Off by default: the page shows
    /// document contents to whoever reaches the port (docs/live-view.md).
    /// </summary>
    public bool LiveView { get; set; }
}
