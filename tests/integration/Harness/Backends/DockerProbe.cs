using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Cdc.Integration.Tests;

/// <summary>
/// Is a Docker engine reachable? Asked the way Testcontainers will connect (DOCKER_HOST, ~/.testcontainers.properties,
/// the usual sockets; it pings each candidate), and bounded in time, because Testcontainers' own ping has no timeout
/// and a silent DOCKER_HOST must not hang the test run.
/// </summary>
internal static class DockerProbe
{
    /// <summary>Runs <paramref name="probe"/> on a thread of its own; no answer within <paramref name="limit"/> counts as unreachable.</summary>
    public static DockerProbeResult Bounded(Func<DockerProbeResult> probe, TimeSpan limit)
    {
        var attempt = Task.Run(probe);
        try
        {
            if (attempt.Wait(limit))
            {
                return attempt.Result;
            }
        }
        catch (AggregateException e)
        {
            return DockerProbeResult.None($"the Docker probe failed: {e.InnerException?.Message ?? e.Message}");
        }

        // Left running (it cannot be cancelled); observe a late failure so it is not reported as unobserved.
        _ = attempt.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return DockerProbeResult.None($"the Docker probe did not answer within {limit.TotalSeconds:0.###} s");
    }

    /// <summary>Testcontainers' own discovery: the endpoint it found and pinged, or the failures it recorded.</summary>
    public static DockerProbeResult Testcontainers()
    {
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig?.Endpoint is { } endpoint)
        {
            return DockerProbeResult.At(endpoint.ToString());
        }

        try
        {
            // Testcontainers keeps each candidate's failure to itself; building a container (which creates nothing
            // without an endpoint) throws them all in one exception.
            _ = new ContainerBuilder(ContainerStackPlan.Default.SchemaRegistryImage).Build();
        }
        catch (DockerUnavailableException e)
        {
            var failures = (e.InnerException as AggregateException)?.InnerExceptions.Select(inner => inner.Message.TrimEnd('.')).Distinct().ToList() ?? [];
            return DockerProbeResult.None(failures.Count == 0 ? "Testcontainers found no Docker endpoint" : $"Testcontainers: {string.Join("; ", failures)}");
        }

        return DockerProbeResult.None("Testcontainers found no Docker endpoint");
    }
}
