namespace Cdc.Integration.Tests;

/// <summary>
/// A test that needs the sandbox's own fault controls (its HTTP control API, a dedicated sandbox with special options):
/// reported as skipped, never silently passed, when the tests run against real services.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SandboxFaultFactAttribute : FactAttribute
{
    public SandboxFaultFactAttribute()
    {
        if (ItEndpoints.RealServicesConfigured)
        {
            Skip = $"Needs the cdc sandbox's fault controls; {ItEndpoints.MongoDbVariable}, {ItEndpoints.KafkaVariable} and {ItEndpoints.SchemaRegistryVariable} point at real services.";
        }
    }
}
