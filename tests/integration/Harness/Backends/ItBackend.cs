namespace Cdc.Integration.Tests;

/// <summary>What the integration tests run against, in order of precedence (<see cref="ItBackendSelection"/>).</summary>
internal enum ItBackend
{
    /// <summary>The services named by CDC_IT_MONGODB_URI, CDC_IT_KAFKA and CDC_IT_SCHEMA_REGISTRY.</summary>
    RealServices,

    /// <summary>MongoDB, Kafka and a Schema Registry in containers started by Testcontainers (<see cref="ContainerStack"/>).</summary>
    Containers,

    /// <summary>A `cdc sandbox` process per test class (the default where no Docker engine is reachable).</summary>
    Sandbox,
}
