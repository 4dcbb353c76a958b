using System.Text.Json.Nodes;
using Cdc.Connector.Tests.Checkpoint;
using Cdc.Sandbox.Kafka;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.SchemaRegistry;

namespace Cdc.Connector.Tests.Check;

/// <summary>
/// The sandbox's stand-ins in this process (MongoDB emulator, librdkafka mock cluster, in-memory registry) and a
/// directory for the checkpoint, with a `cdc check` configuration pointing at them.
/// </summary>
internal sealed class CheckEndpoints : IAsyncDisposable
{
    private CheckEndpoints(MongoServer mongo, KafkaMockCluster kafka, InMemorySchemaRegistry registry)
    {
        Mongo = mongo;
        Kafka = kafka;
        Registry = registry;
    }

    public MongoServer Mongo { get; }

    public KafkaMockCluster Kafka { get; }

    public InMemorySchemaRegistry Registry { get; }

    public TemporaryDirectory Directory { get; } = new();

    public string CheckpointPath => Directory.File("checkpoint.json");

    public static async Task<CheckEndpoints> StartAsync(int oplogCapacity = 100_000, string? registryBasicAuth = null, InMemorySchemaRegistryOptions? registryOptions = null)
    {
        KafkaTestLibrary.Ensure();
        var mongo = MongoServer.Start(new MongoServerOptions { OplogCapacity = oplogCapacity });
        var kafka = new KafkaMockCluster(1);
        var registry = await InMemorySchemaRegistry.StartAsync(registryOptions ?? new InMemorySchemaRegistryOptions { BasicAuth = registryBasicAuth });
        return new CheckEndpoints(mongo, kafka, registry);
    }

    /// <summary>A collection-scope configuration (shop.orders) on these endpoints, written to a file; returns its path.</summary>
    public string WriteConfig(Action<JsonObject>? adjust = null)
    {
        var config = new JsonObject
        {
            ["mongodb"] = new JsonObject { ["uri"] = Mongo.ConnectionString, ["scope"] = "collection", ["database"] = "shop", ["collection"] = "orders" },
            ["kafka"] = new JsonObject { ["bootstrapServers"] = Kafka.BootstrapServers },
            ["schemaRegistry"] = new JsonObject { ["url"] = Registry.Url },
            ["checkpoint"] = new JsonObject { ["store"] = "file", ["path"] = CheckpointPath },
            ["pipeline"] = new JsonObject { ["name"] = "orders" },
        };
        adjust?.Invoke(config);
        var path = Directory.File("cdc.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        Kafka.Dispose();
        await Mongo.DisposeAsync();
        Directory.Dispose();
    }
}
