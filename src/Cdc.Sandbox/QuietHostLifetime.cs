using Microsoft.Extensions.Hosting;

namespace Cdc.Sandbox;

/// <summary>
/// Replaces the generic host's console lifetime, which would stop a web host (the control API, the registry) on its
/// own at SIGINT/SIGTERM: the sandbox decides when and in which order its parts stop.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
