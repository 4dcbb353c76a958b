using Cdc.Connector.Checkpoint;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using Cdc.Sandbox.Kafka;
using Cdc.Sandbox.MongoDb.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Checkpoint;

/// <summary>
/// `cdc snapshot` requests beside the checkpoint, in each store: sent, received as sent, replaced by a newer one,
/// acknowledged only while they are still the one waiting, and never touching the checkpoint itself.
/// </summary>
public sealed class SnapshotRequestChannelTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();
    private readonly List<IDisposable> _owned = [];

    public SnapshotRequestChannelTests() => KafkaTestLibrary.Ensure();

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _directory.Dispose();
    }

    private static SnapshotRequest Request(string id, params string[] collections) =>
        new(id, collections.Select(c => new SnapshotNamespace(c[..c.IndexOf('.', StringComparison.Ordinal)], c[(c.IndexOf('.', StringComparison.Ordinal) + 1)..])).ToList(), At, "test host pid 1");

    [Fact]
    public async Task The_file_store_keeps_one_request_beside_the_checkpoint()
    {
        var path = Path.Combine(_directory.Path, "orders.json");
        using var store = new FileCheckpointStore(path, "orders");
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);

        await Exercise(store, store);

        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await store.LoadAsync(CancellationToken.None));
        Assert.False(File.Exists(path + ".snapshot-request"));
    }

    [Fact]
    public async Task The_mongodb_store_keeps_one_request_beside_the_checkpoint()
    {
        await using var server = MongoServer.Start();
        var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        _owned.Add(connection);
        using var store = new MongoDbCheckpointStore(connection, "cdc.checkpoints", "orders");
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);

        await Exercise(store, store);

        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await store.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_kafka_store_keeps_one_request_beside_the_checkpoint()
    {
        using var cluster = new KafkaMockCluster();
        using var store = new KafkaCheckpointStore(cluster.BootstrapServers, "cdc.checkpoints", "orders", new Dictionary<string, string>(), TimeSpan.FromSeconds(5), NullLogger.Instance);
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);

        await Exercise(store, store);

        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await store.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public void A_damaged_request_is_refused_naming_where_it_is_and_the_fix()
    {
        var error = Assert.Throws<CheckpointStoreException>(() => SnapshotRequestCodec.Decode("""{"version":1,"pipeline":"orders"}"""u8, "orders", "file /x.snapshot-request"));

        Assert.Equal(
            "The snapshot request in file /x.snapshot-request is not usable: it is not a version 1 snapshot request of pipeline 'orders' with requestId, collections, requestedAt and requestedBy. Remove it and send it again with `cdc snapshot`.",
            error.Message);
    }

    private static async Task Exercise(ISnapshotRequestChannel channel, ICheckpointStore store)
    {
        Assert.Null(await channel.ReceiveAsync(CancellationToken.None));

        var first = Request("aaaa11112222", "shop.orders", "shop.customers");
        await channel.SendAsync(first, CancellationToken.None);
        Assert.Equal(first.Id, (await channel.ReceiveAsync(CancellationToken.None))?.Id);
        Assert.Equal(first.Collections, (await channel.ReceiveAsync(CancellationToken.None))!.Collections);
        Assert.Equal(At, (await channel.ReceiveAsync(CancellationToken.None))!.RequestedAt);

        // A newer request replaces it; acknowledging the older one then leaves the newer in place.
        var second = Request("bbbb33334444", "shop.payments");
        await channel.SendAsync(second, CancellationToken.None);
        await channel.AcknowledgeAsync(first, CancellationToken.None);
        Assert.Equal(second.Id, (await channel.ReceiveAsync(CancellationToken.None))?.Id);

        await channel.AcknowledgeAsync(second, CancellationToken.None);
        Assert.Null(await channel.ReceiveAsync(CancellationToken.None));
        Assert.NotNull(await store.LoadAsync(CancellationToken.None));
    }
}
