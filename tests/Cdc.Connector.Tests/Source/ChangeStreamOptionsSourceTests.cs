using System.Diagnostics;
using System.Text.Json.Nodes;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.MongoDb;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.Source;

/// <summary>
/// The change-stream options that came with the driver, through the real <see cref="ChangeStreamSource"/> against the
/// emulator: showExpandedEvents, collation and comment (read back as on mongod, through $currentOp's
/// originatingCommand), and mongodb.startAt resumeAfter/startAfter for moving from another connector.
/// </summary>
public sealed class ChangeStreamOptionsSourceTests
{
    private static readonly StartPosition Now = StartPosition.Now("test");

    [Fact]
    public async Task With_showExpandedEvents_create_and_createIndexes_reach_the_source_and_without_it_they_do_not()
    {
        await using var fixture = new SourceFixture();
        var expanded = fixture.Source("database", o => o.ShowExpandedEvents = true);
        var plain = fixture.Source("database");
        expanded.Open(Now);
        plain.Open(Now);

        var shop = fixture.Writer.GetDatabase("shop");
        shop.CreateCollection("fresh");
        shop.GetCollection<BsonDocument>("fresh").Indexes.CreateOne(new CreateIndexModel<BsonDocument>(new BsonDocument("sku", 1)));
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""");

        var events = SourceReader.Read(expanded, 4);
        var plainEvents = SourceReader.Read(plain, 1);
        var plainTail = SourceReader.ReadToBatchEnd(plain);

        Assert.Equal(["create shop.fresh", "createIndexes shop.fresh", "create shop.orders", "insert shop.orders 1"], events.Select(SourceReader.Describe));
        Assert.Equal("""{"v":2,"key":{"_id":1},"name":"_id_"}""", events[0]["operationDescription"]!["idIndex"]!.ToJsonString());
        Assert.Equal("""{"indexes":[{"v":2,"key":{"sku":1},"name":"sku_1"}]}""", events[1]["operationDescription"]!.ToJsonString());
        Assert.NotNull(events[3]["collectionUUID"]);
        Assert.Equal(["insert shop.orders 1"], plainEvents.Select(SourceReader.Describe));
        Assert.Empty(plainTail);
    }

    [Theory]
    [InlineData("collection")]
    [InlineData("database")]
    [InlineData("cluster")]
    public async Task Collation_and_comment_reach_the_server_in_the_change_streams_aggregate(string scope)
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source(scope, o =>
        {
            o.Collation = JsonNode.Parse("""{"locale": "fr", "strength": 2}""")!.AsObject();
            o.Comment = $"cdc-i11-{scope}";
        });
        source.Open(Now);

        var cursor = WaitForCursorWithComment(fixture.Writer, $"cdc-i11-{scope}");
        var sent = cursor["cursor"]["originatingCommand"].AsBsonDocument;

        Assert.Equal(scope == "collection" ? "orders" : "1", sent["aggregate"].ToString());
        Assert.Equal(scope == "cluster" ? "admin" : "shop", sent["$db"].AsString);
        Assert.Equal(BsonDocument.Parse("""{"locale": "fr", "strength": 2}"""), sent["collation"].AsBsonDocument);
        Assert.Equal($"cdc-i11-{scope}", sent["comment"].AsString);
        Assert.True(sent["pipeline"][0].AsBsonDocument.Contains("$changeStream"));
    }

    [Fact]
    public async Task Without_collation_and_comment_the_aggregate_carries_neither()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("collection");
        source.Open(Now);

        var sent = WaitForCursor(fixture.Writer, new BsonDocument("cursor.originatingCommand.aggregate", "orders"))["cursor"]["originatingCommand"].AsBsonDocument;

        Assert.False(sent.Contains("collation"), sent.ToString());
        Assert.False(sent.Contains("comment"), sent.ToString());
    }

    [Fact]
    public async Task StartAt_resumeAfter_a_hex_token_gives_exactly_the_events_after_it()
    {
        await using var fixture = new SourceFixture();
        var first = fixture.Source("database");
        first.Open(Now);
        for (var id = 1; id <= 5; id++)
        {
            EmulatorWrites.Insert(fixture.Writer, "shop", "orders", $$"""{"_id": {{id}}}""");
        }

        var published = SourceReader.Read(first, 5);
        var hex = published[1]["_id"]!["_data"]!.GetValue<string>();

        var second = fixture.Source("database");
        var start = StartPositionResolver.Resolve(null, $"resumeAfter:{hex}");
        second.Open(start);
        var resumed = SourceReader.Read(second, 3);
        var tail = SourceReader.ReadToBatchEnd(second);

        Assert.Equal(StartKind.ResumeAfter, start.Kind);
        Assert.Equal(["insert shop.orders 3", "insert shop.orders 4", "insert shop.orders 5"], resumed.Select(SourceReader.Describe));
        Assert.Empty(tail);
    }

    [Fact]
    public async Task StartAt_startAfter_an_event_token_as_Extended_JSON_gives_exactly_the_events_after_it()
    {
        await using var fixture = new SourceFixture();
        var first = fixture.Source("collection");
        first.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""", """{"_id": 2}""");
        var token = SourceReader.Read(first, 2)[0]["_id"]!.ToJsonString();
        EmulatorWrites.Update(fixture.Writer, "shop", "orders", """{"_id": 2}""", """{"$set": {"n": 1}}""");

        var second = fixture.Source("collection");
        var start = StartPositionResolver.Resolve(null, $"startAfter:{token}");
        second.Open(start);
        var events = SourceReader.Read(second, 2);
        var tail = SourceReader.ReadToBatchEnd(second);

        Assert.Equal(StartKind.StartAfter, start.Kind);
        Assert.Equal(["insert shop.orders 2", "update shop.orders 2"], events.Select(SourceReader.Describe));
        Assert.Empty(tail);
    }

    [Fact]
    public async Task StartAt_startAfter_an_invalidate_token_starts_a_new_stream_after_it_and_resumeAfter_it_is_refused()
    {
        await using var fixture = new SourceFixture();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 0}""");
        var first = fixture.Source("collection");
        first.Open(Now);
        EmulatorWrites.Drop(fixture.Writer, "shop", "orders");
        var invalidate = SourceReader.Read(first, 2)[^1];
        Assert.Equal("invalidate", invalidate["operationType"]!.GetValue<string>());
        var hex = invalidate["_id"]!["_data"]!.GetValue<string>();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""");

        var second = fixture.Source("collection");
        second.Open(StartPositionResolver.Resolve(null, $"startAfter:{hex}"));
        var events = SourceReader.Read(second, 1);
        var tail = SourceReader.ReadToBatchEnd(second);
        var refused = Assert.Throws<MongoFailureException>(() => fixture.Source("collection").Open(StartPositionResolver.Resolve(null, $"resumeAfter:{hex}")));

        Assert.Equal(["insert shop.orders 1"], events.Select(SourceReader.Describe));
        Assert.Empty(tail);
        Assert.Equal(MongoFailureKind.InvalidToken, refused.Kind);
        Assert.Equal(260, refused.Code);
    }

    /// <summary>The first cursor whose aggregate carried <paramref name="comment"/>, polled until the server lists it.</summary>
    private static BsonDocument WaitForCursorWithComment(IMongoClient client, string comment) =>
        WaitForCursor(client, new BsonDocument("cursor.originatingCommand.comment", comment));

    /// <summary>
    /// $currentOp as on mongod: an idle cursor (between getMores) and the cursor of a running getMore both carry
    /// cursor.originatingCommand, so either is accepted.
    /// </summary>
    private static BsonDocument WaitForCursor(IMongoClient client, BsonDocument match)
    {
        var admin = client.GetDatabase("admin");
        var pipeline = PipelineDefinition<NoPipelineInput, BsonDocument>.Create(
            new BsonDocument("$currentOp", new BsonDocument("idleCursors", true)),
            new BsonDocument("$match", match));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var found = admin.Aggregate(pipeline).ToList();
            if (found.Count > 0)
            {
                return Assert.Single(found);
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"No cursor matching {match} was listed by $currentOp within 30 s.");
    }
}
