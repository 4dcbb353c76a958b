using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Sandbox.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Checkpoint;

public sealed class CheckpointStoreFactoryTests : IDisposable
{
    /// <summary>The process's MongoDB client, which only a mongodb store uses (never connected here).</summary>
    private readonly MongoConnection _unused = new("mongodb://127.0.0.1:1", NullLoggerFactory.Instance);

    public void Dispose() => _unused.Dispose();

    [Fact]
    public async Task The_file_store_writes_where_checkpoint_path_says()
    {
        using var directory = new TemporaryDirectory();
        var options = new CdcOptions();
        options.Checkpoint.Path = directory.File("orders.json");
        options.Pipeline.Name = "orders";

        using var store = CheckpointStoreFactory.Create(options, NullLoggerFactory.Instance, _unused);
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);

        Assert.IsType<FileCheckpointStore>(store);
        Assert.Equal("file " + directory.File("orders.json"), store.Description);
        Assert.True(File.Exists(directory.File("orders.json")));
    }

    [Fact]
    public async Task The_kafka_store_uses_the_bootstrap_servers_the_topic_and_the_pipeline_name()
    {
        KafkaTestLibrary.Ensure();
        using var cluster = new KafkaMockCluster(1);
        var options = new CdcOptions();
        options.Checkpoint.Store = CheckpointStoreKind.Kafka;
        options.Checkpoint.Topic = "offsets";
        options.Kafka.BootstrapServers = cluster.BootstrapServers;
        options.Kafka.Producer["linger.ms"] = "5";
        options.Pipeline.Name = "billing";

        using var store = CheckpointStoreFactory.Create(options, NullLoggerFactory.Instance, _unused);
        cluster.CreateTopic("offsets", 1);
        await store.SaveAsync(Checkpoints.WithToken("billing", "82AA"), CancellationToken.None);

        Assert.IsType<KafkaCheckpointStore>(store);
        Assert.Equal("kafka topic offsets key billing", store.Description);
        Assert.Equal(Checkpoints.WithToken("billing", "82AA"), await store.LoadAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(null, "mongodb collection cdc.checkpoints _id orders")]
    [InlineData("ops.offsets", "mongodb collection ops.offsets _id orders")]
    public void The_mongodb_store_uses_checkpoint_collection_or_cdc_checkpoints(string? collection, string description)
    {
        var options = new CdcOptions();
        options.Checkpoint.Store = CheckpointStoreKind.MongoDb;
        options.Checkpoint.Collection = collection;
        options.MongoDb.Uri = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100";
        options.Pipeline.Name = "orders";

        using var store = CheckpointStoreFactory.Create(options, NullLoggerFactory.Instance, _unused);

        Assert.IsType<MongoDbCheckpointStore>(store);
        Assert.Equal(description, store.Description);
    }

    [Theory]
    [InlineData("file", "'checkpoint.path' must be set because 'checkpoint.store' is file.")]
    [InlineData("kafka", "'kafka.bootstrapServers' must be set because 'checkpoint.store' is kafka.")]
    [InlineData("mongodb", "'mongodb.uri' must be set because 'checkpoint.store' is mongodb.")]
    public void A_store_without_its_location_is_an_error_naming_the_key(string store, string message)
    {
        var options = new CdcOptions();
        options.Checkpoint.Store = Enum.Parse<CheckpointStoreKind>(store, ignoreCase: true);

        var ex = Assert.Throws<CheckpointStoreException>(() => CheckpointStoreFactory.Create(options, NullLoggerFactory.Instance, _unused));

        Assert.Equal(message, ex.Message);
    }
}
