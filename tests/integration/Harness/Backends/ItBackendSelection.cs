namespace Cdc.Integration.Tests;

/// <summary>
/// Chooses, once per test process, what the integration tests run against: the real services of CDC_IT_* when all
/// three are set; else containers when CDC_IT_CONTAINERS=1 or, unless CDC_IT_CONTAINERS=0, when a Docker engine
/// answers; else the sandbox. The decision is a pure function of the environment and a Docker probe, so it is unit
/// tested without Docker (ItBackendSelectionTests); the probe only runs when the variables leave it open.
/// </summary>
internal static class ItBackendSelection
{
    public const string ContainersVariable = "CDC_IT_CONTAINERS";

    /// <summary>How long the Docker probe may take before the tests give up on containers and use the sandbox.</summary>
    public static readonly TimeSpan DockerProbeLimit = TimeSpan.FromSeconds(5);

    private static readonly Lazy<ItBackendChoice> CurrentChoice = new(
        () => Decide(Environment.GetEnvironmentVariable, () => DockerProbe.Bounded(DockerProbe.Testcontainers, DockerProbeLimit)));

    /// <summary>This process's choice (CDC_IT_* and CDC_IT_CONTAINERS as they were at first use).</summary>
    public static ItBackendChoice Current => CurrentChoice.Value;

    public static ItBackendChoice Decide(Func<string, string?> environment, Func<DockerProbeResult> probeDocker)
    {
        var containers = ParseContainersVariable(environment(ContainersVariable));
        string[] endpointVariables = [ItEndpoints.MongoDbVariable, ItEndpoints.KafkaVariable, ItEndpoints.SchemaRegistryVariable];
        if (endpointVariables.All(name => environment(name) is { Length: > 0 }))
        {
            var ignored = containers is null ? string.Empty : $" ({ContainersVariable} is ignored when they are set)";
            return new ItBackendChoice(ItBackend.RealServices, $"{string.Join(", ", endpointVariables)} point at real services{ignored}");
        }

        switch (containers)
        {
            case true:
                return new ItBackendChoice(ItBackend.Containers, $"{ContainersVariable}=1 asks for containers");
            case false:
                return new ItBackendChoice(ItBackend.Sandbox, $"{ContainersVariable}=0 asks for the cdc sandbox");
        }

        var docker = probeDocker();
        return docker.Reachable
            ? new ItBackendChoice(ItBackend.Containers, $"{docker.Description} (set {ContainersVariable}=0 to use the cdc sandbox instead)")
            : new ItBackendChoice(ItBackend.Sandbox, $"no Docker engine reachable ({docker.Description})");
    }

    /// <summary>1/true asks for containers, 0/false refuses them, unset or empty leaves it to the Docker probe; anything else is a mistake.</summary>
    private static bool? ParseContainersVariable(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        "1" or "TRUE" => true,
        "0" or "FALSE" => false,
        _ => throw new InvalidOperationException($"{ContainersVariable} is '{value}': set it to 1 (run the integration tests against containers), 0 (against the cdc sandbox) or leave it unset (containers when a Docker engine answers)."),
    };
}
