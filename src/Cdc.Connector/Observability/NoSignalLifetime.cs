using Microsoft.Extensions.Hosting;

namespace Cdc.Connector.Observability;

/// <summary>
/// A host lifetime that listens to no signal: the operations endpoint is started and stopped by the connector, which
/// handles SIGTERM itself (flush, commit) and wants the probes answered until it is done.
/// </summary>
internal sealed class NoSignalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
