using Cdc.Connector.Configuration;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;

namespace Cdc.Demo;

/// <summary>
/// The connector a <see cref="DemoSession"/> runs in its own process: what `cdc run` runs, wired by the program
/// (src/Cdc.Cli, Runtime/ConnectorHost) and handed in, because the demo is built on the connector library and cannot
/// reference the program that runs it. The demo starts it, reads its live counters and status, and stops it through
/// the token given to <see cref="Start"/>.
/// </summary>
internal interface IEmbeddedConnector : IDisposable
{
    CdcOptions Options { get; }

    PipelineCounters Counters { get; }

    ConnectorStatus Status { get; }

    /// <summary>Where /healthz, /readyz and /metrics are served once <see cref="Start"/> returned; null when http.enabled is false.</summary>
    Uri? HttpAddress { get; }

    /// <summary>Starts the connector, its pipeline on a thread of its own; the task completes with the pipeline's exit.</summary>
    Task<PipelineExit> Start(CancellationToken stopping);
}
