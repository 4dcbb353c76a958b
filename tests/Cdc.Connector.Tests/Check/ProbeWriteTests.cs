using Cdc.Connector.Checkpoint;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Tests.Checkpoint;
using Cdc.Connector.Tests.MongoDb;
using Cdc.Sandbox.Kafka;
using Cdc.Sandbox.MongoDb.Server;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.Check;

/// <summary><see cref="ICheckpointStore.ProbeWriteAsync"/> of the three stores: it writes, it cleans up, and the checkpoint is untouched.</summary>
public sealed class ProbeWriteTests
{
    [Fact]
    public async Task The_file_store_probe_leaves_only_the_checkpoint_behind_byte_for_byte()
    {
        using var directory = new TemporaryDirectory();
        using var store = new FileCheckpointStore(directory.File("orders.json"), "orders");
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
        var before = await File.ReadAllBytesAsync(directory.File("orders.json"));

        await store.ProbeWriteAsync(CancellationToken.None);

        Assert.Equal([directory.File("orders.json")], Directory.EnumerateFiles(directory.Path));
        Assert.Equal(before, await File.ReadAllBytesAsync(directory.File("orders.json")));
    }

    [Fact]
    public async Task The_file_store_probe_fails_naming_the_store_when_its_directory_cannot_exist()
    {
        using var directory = new TemporaryDirectory();
        await File.WriteAllTextAsync(directory.File("not-a-directory"), "x");
        using var store = new FileCheckpointStore(Path.Combine(directory.File("not-a-directory"), "orders.json"), "orders");

        var error = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.ProbeWriteAsync(CancellationToken.None));

        Assert.StartsWith($"Cannot write beside the checkpoint file {Path.Combine(directory.File("not-a-directory"), "orders.json")}: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Check that its directory is writable by this process and has space, or change 'checkpoint.path'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mongodb_store_probe_removes_its_document_and_keeps_the_checkpoint()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        using var store = new MongoDbCheckpointStore(connection, "cdc.checkpoints", "orders");
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);

        await store.ProbeWriteAsync(CancellationToken.None);

        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await store.LoadAsync(CancellationToken.None));
        using var client = new MongoClient(server.ConnectionString);
        var found = EmulatorWrites.Run(client, "cdc", """{"find": "checkpoints", "filter": {}}""");
        var ids = found["cursor"]["firstBatch"].AsBsonArray.Select(d => d["_id"].AsString).ToList();
        Assert.Equal(["orders"], ids);
    }

    [Fact]
    public async Task The_mongodb_store_probe_fails_naming_the_store_when_the_write_is_refused()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        using var store = new MongoDbCheckpointStore(connection, "cdc.checkpoints", "orders");
        using (var admin = new MongoClient(server.ConnectionString))
        {
            EmulatorWrites.FailPoint(admin, """{"configureFailPoint": "failCommand", "mode": {"times": 1}, "data": {"failCommands": ["update"], "errorCode": 13}}""");
        }

        var error = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.ProbeWriteAsync(CancellationToken.None));

        Assert.StartsWith("Cannot write a probe beside the checkpoint in mongodb collection cdc.checkpoints _id orders: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("code 13", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kafka_store_probe_writes_another_key_so_the_checkpoint_still_loads()
    {
        KafkaTestLibrary.Ensure();
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("cdc.checkpoints", partitions: 1);
        using var store = new KafkaCheckpointStore(cluster.BootstrapServers, "cdc.checkpoints", "orders", new Dictionary<string, string>(), TimeSpan.FromSeconds(5), new RecordingLogger());
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);

        await store.ProbeWriteAsync(CancellationToken.None);

        using var reopened = new KafkaCheckpointStore(cluster.BootstrapServers, "cdc.checkpoints", "orders", new Dictionary<string, string>(), TimeSpan.FromSeconds(5), new RecordingLogger());
        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await reopened.LoadAsync(CancellationToken.None));
        using var probe = new KafkaCheckpointStore(cluster.BootstrapServers, "cdc.checkpoints", "orders.cdc-check-probe", new Dictionary<string, string>(), TimeSpan.FromSeconds(5), new RecordingLogger());
        Assert.Null(await probe.LoadAsync(CancellationToken.None));
    }
}
