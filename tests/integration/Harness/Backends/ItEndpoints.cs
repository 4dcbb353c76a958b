namespace Cdc.Integration.Tests;

/// <summary>
/// Where an integration test finds MongoDB, Kafka and the Schema Registry: a `cdc sandbox` (which also has a control
/// API for faults), real services named by CDC_IT_MONGODB_URI, CDC_IT_KAFKA and CDC_IT_SCHEMA_REGISTRY, or the
/// containers of <see cref="ContainerStack"/> (<see cref="ItBackendSelection"/> chooses).
/// </summary>
internal sealed record ItEndpoints(string MongoDbUri, string KafkaBootstrapServers, string SchemaRegistryUrl, string? ControlUrl)
{
    public const string MongoDbVariable = "CDC_IT_MONGODB_URI";
    public const string KafkaVariable = "CDC_IT_KAFKA";
    public const string SchemaRegistryVariable = "CDC_IT_SCHEMA_REGISTRY";

    public bool IsSandbox => ControlUrl is not null;

    public static ItEndpoints FromEnvironment() => new(
        Environment.GetEnvironmentVariable(MongoDbVariable)!,
        Environment.GetEnvironmentVariable(KafkaVariable)!,
        Environment.GetEnvironmentVariable(SchemaRegistryVariable)!,
        ControlUrl: null);
}
