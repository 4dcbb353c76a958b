using System.Text.Json;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Tests.Shared;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>The emulator judged by a client no one here wrote: the official MongoDB Node.js driver.</summary>
public sealed class NodeDriverTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("replicaSet")]
    [InlineData("directConnection")]
    public async Task The_Node_driver_runs_CRUD_catalog_and_error_scenarios(string connectionMode)
    {
        await using var server = MongoServer.Start();
        var uri = connectionMode == "replicaSet" ? server.ConnectionString : $"mongodb://{server.Host}/?directConnection=true";
        var output = await Task.Run(() => NodeScript.Run(Path.Combine("sandbox", "mongo-crud.mjs"), JsonSerializer.Serialize(new { uri }), ScriptTimeout));
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_driver_writes_land_in_the_oplog_one_entry_per_document_with_sessions()
    {
        await using var server = MongoServer.Start();
        await MongoDriverScript.RunAsync(server, "mongo-oplog-writes.mjs");

        var entries = MongoDriverScript.ReadOplog(server);
        var shop = entries.Where(entry => entry.Database == "shop").ToList();
        Assert.Equal(
            [OplogOperation.Create, .. Enumerable.Repeat(OplogOperation.Insert, 4), .. Enumerable.Repeat(OplogOperation.Update, 3), .. Enumerable.Repeat(OplogOperation.Delete, 2)],
            shop.Select(entry => entry.Operation));
        Assert.Equal([1, 2, 3], shop.Where(entry => entry.Operation == OplogOperation.Update).Select(entry => DocCodec.Read(entry.DocumentKey)["_id"]!.Int32));
        Assert.All(shop.Where(entry => entry.Operation == OplogOperation.Update), entry =>
            Assert.Equal(["state", "version"], entry.UpdateDescription!.UpdatedFields.Select(field => field.Key)));
        // The driver runs every write in an implicit session; only retryable writes (not multi updates/deletes) add a txnNumber.
        Assert.All(shop.Skip(1), entry => Assert.NotNull(entry.Lsid));
        Assert.All(shop.Where(entry => entry.Operation == OplogOperation.Insert), entry => Assert.NotNull(entry.TxnNumber));
        Assert.All(shop.Where(entry => entry.Operation is OplogOperation.Update or OplogOperation.Delete), entry => Assert.Null(entry.TxnNumber));
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.True(entries[i].Sequence == entries[i - 1].Sequence + 1);
            Assert.True(
                (entries[i].ClusterTime.Seconds, entries[i].ClusterTime.Increment).CompareTo((entries[i - 1].ClusterTime.Seconds, entries[i - 1].ClusterTime.Increment)) > 0,
                $"cluster time of entry {i} does not increase");
        }
    }

    [Fact]
    public async Task Node_driver_cursors_are_killed_or_exhausted_and_concurrent_connections_are_served()
    {
        await using var server = MongoServer.Start();
        await MongoDriverScript.RunAsync(server, "mongo-cursors.mjs");

        // Every cursor was either read to the end or closed (killCursors) by the driver: none is left open.
        Assert.Equal(0, server.State.Cursors.Count);
        var entries = MongoDriverScript.ReadOplog(server);
        Assert.Equal(40, entries.Count(entry => entry.Operation == OplogOperation.Insert));
        Assert.Equal(40, entries.Where(entry => entry.Operation == OplogOperation.Insert).Select(entry => DocCodec.Read(entry.DocumentKey)["_id"]!.Int32).Distinct().Count());
    }
}
