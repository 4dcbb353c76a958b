using Cdc.Connector.Interop.Mongoc;
using Cdc.Sandbox.MongoDb.Server;

namespace Cdc.Connector.Tests.Interop;

public sealed class ChangeStreamTests
{
    private static readonly byte[] NoStages = Bson.Doc("""{"pipeline": []}""");
    private static readonly byte[] ShortAwait = Bson.Doc("""{"maxAwaitTimeMS": 200}""");

    [Theory]
    [InlineData("collection")]
    [InlineData("database")]
    [InlineData("cluster")]
    public async Task Watch_at_each_scope_sees_insert_update_replace_and_delete(string scope)
    {
        await using var server = MongoServer.Start();
        using var client = MongoClient.Create(server.ConnectionString, "cdc-test");
        EmulatorWrites.Insert(client, "shop", "orders", """{"_id": 0}""");
        using var stream = client.Watch(
            scope == "cluster" ? null : "shop", scope == "collection" ? "orders" : null, NoStages, ShortAwait);

        EmulatorWrites.Insert(client, "shop", "orders", """{"_id": 1, "n": 1}""");
        EmulatorWrites.Update(client, "shop", "orders", """{"_id": 1}""", """{"$set": {"n": 2}}""");
        EmulatorWrites.Update(client, "shop", "orders", """{"_id": 1}""", """{"n": 3}""");
        EmulatorWrites.Delete(client, "shop", "orders", """{"_id": 1}""");
        var events = StreamReader.ReadEvents(stream, 4);

        Assert.Equal(["insert", "update", "replace", "delete"], events.Select(StreamReader.Operation));
        Assert.All(events, e => Assert.Equal(1, e["documentKey"]!["_id"]!.GetValue<int>()));
        Assert.All(events, e => Assert.Equal("orders", e["ns"]!["coll"]!.GetValue<string>()));
        Assert.Equal(2, events[1]["updateDescription"]!["updatedFields"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_idle_stream_ends_batches_with_an_advancing_postBatchResumeToken()
    {
        await using var server = MongoServer.Start();
        using var client = MongoClient.Create(server.ConnectionString, "cdc-test");
        EmulatorWrites.Insert(client, "shop", "orders", """{"_id": 0}""");
        using var stream = client.Watch("shop", "orders", NoStages, ShortAwait);

        Assert.False(stream.TryNext(out _));
        var first = Bson.Json(stream.ResumeToken);
        EmulatorWrites.Insert(client, "shop", "other", """{"_id": 1}""");
        Assert.False(stream.TryNext(out _));
        var second = Bson.Json(stream.ResumeToken);

        Assert.False(stream.IsClosed);
        Assert.Contains("_data", first, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(second, first) > 0, $"{second} should sort after {first}");
    }

    [Fact]
    public async Task After_an_invalidate_the_stream_reports_closed()
    {
        await using var server = MongoServer.Start();
        using var client = MongoClient.Create(server.ConnectionString, "cdc-test");
        EmulatorWrites.Insert(client, "shop", "orders", """{"_id": 0}""");
        using var stream = client.Watch("shop", "orders", NoStages, ShortAwait);

        EmulatorWrites.Drop(client, "shop", "orders");
        var events = StreamReader.ReadEvents(stream, 2);
        var more = stream.TryNext(out _);

        Assert.Equal(["drop", "invalidate"], events.Select(StreamReader.Operation));
        Assert.False(more);
        Assert.True(stream.IsClosed);
        Assert.False(stream.TryNext(out _));
    }
}
