using Cdc.Connector.Configuration;
using Cdc.Demo;
using Cdc.Cli.Runtime;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Microsoft.Extensions.Logging;

namespace Cdc.Cli;

/// <summary>
/// `cdc demo`'s connector: the <see cref="ConnectorHost"/> that `cdc run` runs, handed to the demo (src/Cdc.Demo) as its
/// <see cref="IEmbeddedConnector"/>. The demo cannot reference the program, and the host need not know the demo.
/// </summary>
internal sealed class ConnectorHostForDemo : IEmbeddedConnector
{
    private readonly ConnectorHost _host;

    private ConnectorHostForDemo(ConnectorHost host) => _host = host;

    public CdcOptions Options => _host.Options;

    public PipelineCounters Counters => _host.Counters;

    public ConnectorStatus Status => _host.Status;

    public Uri? HttpAddress => _host.HttpAddress;

    /// <summary>Wires the connector as `cdc run` does; throws what <see cref="ConnectorHost.Create"/> throws.</summary>
    public static IEmbeddedConnector Create(CdcOptions options, ILoggerFactory loggerFactory) => new ConnectorHostForDemo(ConnectorHost.Create(options, loggerFactory));

    public Task<PipelineExit> Start(CancellationToken stopping) => _host.Start(stopping);

    public void Dispose() => _host.Dispose();
}
