namespace Cdc.Integration.Tests;

/// <summary>
/// Where an integration test finds MongoDB, Kafka and the Schema Registry: a `cdc sandbox` (which also has a control
/// API for faults) or real services named by CDC_IT_MONGODB_URI, CDC_IT_KAFKA and CDC_IT_SCHEMA_REGISTRY.
/// </summary>
internal sealed record ItEndpoints(string MongoDbUri, string KafkaBootstrapServers, string SchemaRegistryUrl, string? ControlUrl)
{
    public const string MongoDbVariable = "CDC_IT_MONGODB_URI";
    public const string KafkaVariable = "CDC_IT_KAFKA";
    public const string SchemaRegistryVariable = "CDC_IT_SCHEMA_REGISTRY";

    public bool IsSandbox => ControlUrl is not null;

    /// <summary>True when all three variables are set: the tests then run against those services, not a sandbox.</summary>
    public static bool RealServicesConfigured =>
        Environment.GetEnvironmentVariable(MongoDbVariable) is { Length: > 0 }
        && Environment.GetEnvironmentVariable(KafkaVariable) is { Length: > 0 }
        && Environment.GetEnvironmentVariable(SchemaRegistryVariable) is { Length: > 0 };

    public static ItEndpoints FromEnvironment() => new(
        Environment.GetEnvironmentVariable(MongoDbVariable)!,
        Environment.GetEnvironmentVariable(KafkaVariable)!,
        Environment.GetEnvironmentVariable(SchemaRegistryVariable)!,
        ControlUrl: null);
}
