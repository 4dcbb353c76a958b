using System.Globalization;

namespace Cdc.Integration.Tests;

/// <summary>
/// What <see cref="ContainerStack"/> runs: the images, pinned to the tags docker-compose.yml pins; the network aliases the
/// containers reach each other by; each container's settings; and the endpoints the tests get from the mapped ports.
/// Plain data, so ContainerStackPlanTests check it against docker-compose.yml where no container can start.
/// </summary>
internal sealed record ContainerStackPlan
{
    public static ContainerStackPlan Default { get; } = new();

    public string MongoDbImage { get; init; } = "mongo:7.0.14";

    public string MongoDbAlias { get; init; } = "mongodb";

    /// <summary>Testcontainers.MongoDb's <c>WithReplicaSet</c>: <c>--replSet</c>, then rs.initiate with one member.</summary>
    public string ReplicaSetName { get; init; } = "rs0";

    /// <summary>
    /// The root user the image creates. WithReplicaSet runs mongod with a key file, which turns authentication on, so
    /// the tests connect with these credentials.
    /// </summary>
    public string MongoDbUsername { get; init; } = "cdc-it";

    public string MongoDbPassword { get; init; } = "cdc-it-password";

    /// <summary>Appended to WithReplicaSet's mongod arguments: the failCommand fail points the tests set need test commands, as in docker-compose.yml.</summary>
    public IReadOnlyList<string> MongoDbExtraArguments { get; init; } = ["--setParameter", "enableTestCommands=1"];

    public string KafkaImage { get; init; } = "apache/kafka:3.9.1";

    public string KafkaAlias { get; init; } = "kafka";

    /// <summary>
    /// The listener for the other containers (the registry), added with KafkaBuilder.WithListener: it advertises
    /// <see cref="KafkaInternalListener"/>, while Testcontainers' own PLAINTEXT listener advertises the mapped port to the host.
    /// </summary>
    public ushort KafkaInternalPort { get; init; } = 19092;

    public string KafkaInternalListener => $"{KafkaAlias}:{KafkaInternalPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Set on top of Testcontainers.Kafka's KRaft single-node settings, with docker-compose.yml's values.</summary>
    public IReadOnlyDictionary<string, string> KafkaEnvironment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] = "true",
        ["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] = "0",
    };

    public string SchemaRegistryImage { get; init; } = "confluentinc/cp-schema-registry:7.7.1";

    public string SchemaRegistryAlias { get; init; } = "schema-registry";

    public ushort SchemaRegistryPort { get; init; } = 8081;

    /// <summary>The registry's settings: it stores its schemas in Kafka, reached over the shared network at <see cref="KafkaInternalListener"/>.</summary>
    public IReadOnlyDictionary<string, string> SchemaRegistryEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SCHEMA_REGISTRY_HOST_NAME"] = SchemaRegistryAlias,
        ["SCHEMA_REGISTRY_LISTENERS"] = $"http://0.0.0.0:{SchemaRegistryPort.ToString(CultureInfo.InvariantCulture)}",
        ["SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"] = $"PLAINTEXT://{KafkaInternalListener}",
    };

    /// <summary>The registry is ready when it lists its subjects (which needs its Kafka store), as docker-compose.yml's health check asks.</summary>
    public string SchemaRegistryReadyPath { get; init; } = "/subjects";

    /// <summary>For pulling the images (the first run pulls all three) and starting the containers.</summary>
    public TimeSpan StartLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// What the tests connect to, as CDC_IT_* would name it, from the Docker host's name and the ports mapped there.
    /// MongoDB: <c>directConnection=true</c>, because the replica set's only member calls itself 127.0.0.1:27017 inside
    /// its container, an address the test process cannot use (the same reason as for the compose stack).
    /// </summary>
    public ItEndpoints EndpointsAt(string host, ushort mongoDbPort, ushort kafkaPort, ushort schemaRegistryPort)
    {
        var authority = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        var credentials = $"{Uri.EscapeDataString(MongoDbUsername)}:{Uri.EscapeDataString(MongoDbPassword)}";
        return new ItEndpoints(
            string.Create(CultureInfo.InvariantCulture, $"mongodb://{credentials}@{authority}:{mongoDbPort}/?directConnection=true"),
            string.Create(CultureInfo.InvariantCulture, $"{authority}:{kafkaPort}"),
            string.Create(CultureInfo.InvariantCulture, $"http://{authority}:{schemaRegistryPort}"),
            ControlUrl: null);
    }
}
