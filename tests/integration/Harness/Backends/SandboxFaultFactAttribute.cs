namespace Cdc.Integration.Tests;

/// <summary>
/// A test that needs the sandbox's own fault controls (its HTTP control API, a dedicated sandbox with special options):
/// reported as skipped, never silently passed, when the tests run against real services or containers.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SandboxFaultFactAttribute : FactAttribute
{
    public SandboxFaultFactAttribute() => Skip = SkipReason(ItBackendSelection.Current);

    /// <summary>Why such a test cannot run on <paramref name="choice"/>; null on the sandbox.</summary>
    internal static string? SkipReason(ItBackendChoice choice) => choice.Backend switch
    {
        ItBackend.RealServices => $"Needs the cdc sandbox's fault controls; {ItEndpoints.MongoDbVariable}, {ItEndpoints.KafkaVariable} and {ItEndpoints.SchemaRegistryVariable} point at real services.",
        ItBackend.Containers => $"Needs the cdc sandbox's fault controls; the tests run against containers: {choice.Reason}.",
        _ => null,
    };
}
