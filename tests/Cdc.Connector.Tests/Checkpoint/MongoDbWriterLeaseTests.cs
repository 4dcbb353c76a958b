using Cdc.Connector.Checkpoint;
using Cdc.Connector.MongoDb;
using Cdc.Sandbox.MongoDb.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Checkpoint;

public sealed class MongoDbWriterLeaseTests : IDisposable
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A holder renews every third of its lease: with 3 s, a busy machine that delayed one renewal past the lease let the
    /// second claim take it over (the test failed on a loaded machine). 12 s leaves the renewals 8 s of slack, and the
    /// second claim still gives up after the lease and 2 s.
    /// </summary>
    private static readonly TimeSpan RenewedLease = TimeSpan.FromSeconds(12);
    private readonly List<MongoConnection> _connections = [];

    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }

    [Fact]
    public async Task A_second_claim_while_the_holder_renews_is_refused_naming_the_holder_and_the_lease()
    {
        await using var server = MongoServer.Start();
        using var holder = Store(server, RenewedLease);
        await holder.ClaimWriterAsync(CancellationToken.None);

        using var second = Store(server, RenewedLease);
        var refused = await Assert.ThrowsAsync<CheckpointStoreException>(() => second.ClaimWriterAsync(CancellationToken.None));

        Assert.Contains("Another cdc run holds pipeline 'orders'", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("orders.cdc-writer", refused.Message, StringComparison.Ordinal);
        await holder.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
    }

    [Fact]
    public async Task A_released_lease_is_claimed_at_once_and_the_old_writer_is_fenced()
    {
        await using var server = MongoServer.Start();
        var old = Store(server, TimeSpan.FromMinutes(5));
        await old.ClaimWriterAsync(CancellationToken.None);
        await old.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
        old.Dispose();

        using var taker = Store(server, TimeSpan.FromMinutes(5));
        await taker.ClaimWriterAsync(CancellationToken.None);
        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await taker.LoadAsync(CancellationToken.None));
        await taker.SaveAsync(Checkpoints.WithToken("orders", "82BB"), CancellationToken.None);
        Assert.Equal(Checkpoints.WithToken("orders", "82BB"), await taker.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_holder_that_stopped_renewing_is_taken_over_after_its_lease_and_its_late_save_is_fenced()
    {
        await using var server = MongoServer.Start();

        // A paused instance: it claimed, then its renewals stopped (as if frozen) while it still holds a store. Its
        // lease is long so that its first renewal (a third of the lease) cannot come during the test: with a short one,
        // a renewal on a busy machine landed between the expiry written below and the taker's claim, and the taker
        // rightly refused a live holder.
        var paused = Store(server, TimeSpan.FromMinutes(10));
        await paused.ClaimWriterAsync(CancellationToken.None);
        await paused.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
        using var other = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        await other.Client.GetDatabase("cdc").GetCollection<MongoDB.Bson.BsonDocument>("checkpoints").UpdateOneAsync(
            "{_id: 'orders.cdc-writer'}", "{$set: {expiresAt: new Date(0)}}");

        using var taker = Store(server, ShortLease);
        await taker.ClaimWriterAsync(CancellationToken.None);
        await taker.SaveAsync(Checkpoints.WithToken("orders", "82BB"), CancellationToken.None);

        var fenced = await Assert.ThrowsAsync<WriterFencedException>(() => paused.SaveAsync(Checkpoints.WithToken("orders", "82CC"), CancellationToken.None));
        Assert.Contains("Another cdc run took over pipeline 'orders'", fenced.Message, StringComparison.Ordinal);
        Assert.Equal(Checkpoints.WithToken("orders", "82BB"), await taker.LoadAsync(CancellationToken.None));
    }

    private MongoDbCheckpointStore Store(MongoServer server, TimeSpan lease)
    {
        var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        _connections.Add(connection);
        return new MongoDbCheckpointStore(connection, "cdc.checkpoints", "orders", lease);
    }
}
