namespace Cdc.Integration.Tests;

/// <summary>Whether a Docker engine answered, and where (or why not), for the skip reasons the tests report.</summary>
internal sealed record DockerProbeResult(bool Reachable, string Description)
{
    public static DockerProbeResult At(string endpoint) => new(true, $"a Docker engine answers at {endpoint}");

    public static DockerProbeResult None(string why) => new(false, why);
}
