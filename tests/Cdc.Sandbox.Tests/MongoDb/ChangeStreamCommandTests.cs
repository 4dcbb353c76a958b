using System.Diagnostics;
using Cdc.Sandbox.MongoDb.Documents;
using static Cdc.Sandbox.Tests.MongoDb.ChangeStreamHarness;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class ChangeStreamCommandTests
{
    [Fact]
    public async Task Collection_stream_reports_insert_update_replace_delete_in_the_manuals_shapes()
    {
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc());
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1).Add("a", 1).Add("arr", Array(I(1), I(2), I(3)))))));
        await harness.RunOkAsync(new Doc().Add("insert", "other").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc().Add("_id", 1)).Add("u", new Doc()
            .Add("$set", new Doc().Add("b", 2)).Add("$unset", new Doc().Add("a", "")).Add("$pop", new Doc().Add("arr", 1)))))));
        await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc().Add("_id", 1)).Add("u", new Doc().Add("z", 9))))));
        await harness.RunOkAsync(new Doc().Add("delete", "c").Add("deletes", Array(D(new Doc().Add("q", new Doc()).Add("limit", 0)))));

        var (events, cursor) = await GetMoreAsync(harness, stream);
        Assert.Equal(["insert", "update", "replace", "delete"], Types(events));
        Assert.Equal(["_id", "operationType", "clusterTime", "wallTime", "fullDocument", "ns", "documentKey"], Keys(events[0]));
        Assert.Equal("{ db: \"test\", coll: \"c\" }", events[0]["ns"]!.ToString());
        Assert.Equal(1, events[0]["documentKey"]!.Document["_id"]!.Int32);
        Assert.Equal(["_id", "operationType", "clusterTime", "wallTime", "ns", "documentKey", "updateDescription"], Keys(events[1]));
        var update = events[1]["updateDescription"]!.Document;
        Assert.Equal(2, update["updatedFields"]!.Document["b"]!.Int32);
        Assert.Equal("a", update["removedFields"]!.Array.Single().String);
        Assert.Equal(["updatedFields", "removedFields", "truncatedArrays"], Keys(update));
        Assert.Equal(9, events[2]["fullDocument"]!.Document["z"]!.Int32);
        Assert.Equal(["_id", "operationType", "clusterTime", "wallTime", "ns", "documentKey"], Keys(events[3]));
        Assert.False(events[0].Contains("collectionUUID"));

        var tokens = events.ConvertAll(change => change["_id"]!.Document["_data"]!.String);
        Assert.Equal(tokens.Order(StringComparer.Ordinal), tokens);
        Assert.True(string.CompareOrdinal(tokens[^1], cursor["postBatchResumeToken"]!.Document["_data"]!.String) < 0);
    }

    [Fact]
    public async Task An_idle_streams_postBatchResumeToken_moves_with_the_clock_and_still_sorts_before_the_next_event()
    {
        var time = new ManualTimeProvider();
        var harness = new CommandHarness(time: time);
        var stream = await OpenAsync(harness, new Doc());

        var (none, first) = await GetMoreAsync(harness, stream);
        Assert.Empty(none);
        var firstMark = TokenOf(first);
        Assert.Equal((uint)time.GetUtcNow().ToUnixTimeSeconds(), firstMark.Token.ClusterTime.Seconds);

        time.Advance(TimeSpan.FromSeconds(30));
        var (_, later) = await GetMoreAsync(harness, stream);
        var laterMark = TokenOf(later);
        Assert.Equal(firstMark.Token.ClusterTime.Seconds + 30, laterMark.Token.ClusterTime.Seconds);
        Assert.True(string.CompareOrdinal(firstMark.Hex, laterMark.Hex) < 0);

        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        var (events, _) = await GetMoreAsync(harness, stream);
        var eventToken = Assert.Single(events)["_id"]!.Document["_data"]!.String;
        Assert.True(string.CompareOrdinal(laterMark.Hex, eventToken) < 0, $"{laterMark.Hex} should sort before {eventToken}");

        // The mark is a position to resume from: the next event comes back.
        var resumed = await harness.RunOkAsync(Aggregate(DocValue.FromString("c"), new Doc().Add("resumeAfter", D(new Doc().Add("_data", laterMark.Hex)))));
        var again = resumed["cursor"]!.Document["firstBatch"]!.Array.ConvertAll(item => DocCodec.Read(item.Bytes));
        Assert.Equal(eventToken, Assert.Single(again)["_id"]!.Document["_data"]!.String);
    }

    private static (string Hex, Cdc.Sandbox.MongoDb.ChangeStreams.ResumeToken Token) TokenOf(Doc cursor)
    {
        var hex = cursor["postBatchResumeToken"]!.Document["_data"]!.String;
        Assert.True(Cdc.Sandbox.MongoDb.ChangeStreams.ResumeToken.TryParseHex(hex, out var token, out var problem), problem);
        return (hex, token);
    }

    [Fact]
    public async Task Update_many_gives_one_event_per_document_in_order_and_batch_size_is_honoured()
    {
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc());
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 2)), D(new Doc().Add("_id", 3)))));
        await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc()).Add("u", new Doc().Add("$inc", new Doc().Add("n", 1))).Add("multi", true)))));
        var database = "test";
        var reply = await harness.RunOkAsync(new Doc().Add("getMore", stream.Id).Add("collection", "c").Add("batchSize", 4), database);
        var batch = reply["cursor"]!.Document;
        var first = batch["nextBatch"]!.Array.ConvertAll(item => DocCodec.Read(item.Bytes));
        Assert.Equal(4, first.Count);
        Assert.Equal(first[^1]["_id"]!.ToString(), batch["postBatchResumeToken"]!.ToString());
        var (rest, _) = await GetMoreAsync(harness, stream);
        var updates = first.Concat(rest).Where(change => change["operationType"]!.String == "update").ToList();
        Assert.Equal([1, 2, 3], updates.Select(change => change["documentKey"]!.Document["_id"]!.Int32));
    }

    [Fact]
    public async Task Drop_of_the_watched_collection_is_followed_by_invalidate_and_the_cursor_closes()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        var stream = await OpenAsync(harness, new Doc());
        await harness.RunOkAsync(new Doc().Add("drop", "c"));
        var (events, cursor) = await GetMoreAsync(harness, stream);
        Assert.Equal(["drop", "invalidate"], Types(events));
        Assert.Equal(["_id", "operationType", "clusterTime", "wallTime"], Keys(events[1]));
        Assert.Equal(0L, cursor["id"]!.Int64);

        var invalidate = events[1]["_id"]!;
        var resumed = await harness.RunAsync(Aggregate(S("c"), new Doc().Add("resumeAfter", invalidate)));
        Assert.Equal(260, resumed["code"]!.Int32);
        var started = await harness.RunOkAsync(Aggregate(S("c"), new Doc().Add("startAfter", invalidate)));
        Assert.NotEqual(0L, started["cursor"]!.Document["id"]!.Int64);

        // A $match that drops the invalidate still ends the cursor.
        var matchReply = await harness.RunOkAsync(Aggregate(S("c"), new Doc().Add("startAfter", invalidate), new Doc().Add("$match", new Doc().Add("operationType", "insert"))));
        var filtered = (matchReply["cursor"]!.Document["id"]!.Int64, "test.c");
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 2)))));
        await harness.RunOkAsync(new Doc().Add("drop", "c"));
        var (onlyInserts, filteredCursor) = await GetMoreAsync(harness, filtered);
        Assert.Equal(["insert"], Types(onlyInserts));
        Assert.Equal(0L, filteredCursor["id"]!.Int64);
    }

    [Fact]
    public async Task Database_stream_sees_rename_with_to_and_dropDatabase_then_invalidate()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        var stream = await OpenAsync(harness, new Doc(), collection: null);
        Assert.Equal("test.$cmd.aggregate", stream.Ns);
        await harness.RunOkAsync(new Doc().Add("renameCollection", "test.c").Add("to", "test.d"), "admin");
        await harness.RunOkAsync(new Doc().Add("dropDatabase", 1));
        var (events, cursor) = await GetMoreAsync(harness, stream);
        Assert.Equal(["rename", "drop", "dropDatabase", "invalidate"], Types(events));
        Assert.Equal("{ db: \"test\", coll: \"d\" }", events[0]["to"]!.ToString());
        Assert.Equal("{ db: \"test\" }", events[2]["ns"]!.ToString());
        Assert.Equal(0L, cursor["id"]!.Int64);

        var another = await OpenAsync(harness, new Doc(), database: "other", collection: null);
        var killed = await harness.RunOkAsync(new Doc().Add("killCursors", "$cmd.aggregate").Add("cursors", Array(DocValue.FromInt64(another.Id))), "other");
        Assert.Equal(another.Id, killed["cursorsKilled"]!.Array.Single().Int64);
    }

    [Fact]
    public async Task Expanded_events_add_create_and_collection_uuid_and_disambiguated_paths()
    {
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc().Add("showExpandedEvents", true));
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1).Add("m", new Doc().Add("0", 1))))));
        await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc()).Add("u", new Doc().Add("$set", new Doc().Add("m.0", 2)))))));
        var (events, _) = await GetMoreAsync(harness, stream);
        Assert.Equal(["create", "insert", "update"], Types(events));
        Assert.Equal("collection", events[0]["nsType"]!.String);
        Assert.Equal("_id_", events[0]["operationDescription"]!.Document["idIndex"]!.Document["name"]!.String);
        Assert.Equal(4, events[1]["collectionUUID"]!.Subtype);
        var paths = events[2]["updateDescription"]!.Document["disambiguatedPaths"]!.Document;
        Assert.Equal(["m", "0"], paths["m.0"]!.Array.Select(segment => segment.String));
    }

    [Fact]
    public async Task Images_follow_fullDocument_and_fullDocumentBeforeChange_modes()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("create", "c").Add("changeStreamPreAndPostImages", new Doc().Add("enabled", true)));
        await harness.RunOkAsync(new Doc().Add("create", "plain"));
        var images = await OpenAsync(harness, new Doc().Add("fullDocument", "required").Add("fullDocumentBeforeChange", "required"));
        var lookup = await OpenAsync(harness, new Doc().Add("fullDocument", "updateLookup"), collection: "plain");
        var strict = await OpenAsync(harness, new Doc().Add("fullDocument", "required"), collection: "plain");
        foreach (var collection in new[] { "c", "plain" })
        {
            await harness.RunOkAsync(new Doc().Add("insert", collection).Add("documents", Array(D(new Doc().Add("_id", 1).Add("v", 1)))));
            await harness.RunOkAsync(new Doc().Add("update", collection).Add("updates", Array(D(new Doc().Add("q", new Doc()).Add("u", new Doc().Add("$set", new Doc().Add("v", 2)))))));
            await harness.RunOkAsync(new Doc().Add("delete", collection).Add("deletes", Array(D(new Doc().Add("q", new Doc()).Add("limit", 1)))));
        }

        var (events, _) = await GetMoreAsync(harness, images);
        Assert.Equal(2, events[1]["fullDocument"]!.Document["v"]!.Int32);
        Assert.Equal(1, events[1]["fullDocumentBeforeChange"]!.Document["v"]!.Int32);
        Assert.Equal(2, events[2]["fullDocumentBeforeChange"]!.Document["v"]!.Int32);

        var (looked, _) = await GetMoreAsync(harness, lookup);
        Assert.Equal(BsonTypeNull, looked[1]["fullDocument"]!.Type);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GetMoreAsync(harness, strict));
        Assert.Contains("code: 47", error.Message, StringComparison.Ordinal);
        Assert.Contains("Change stream was configured to require a post-image for all update events, but the post-image was not found for event", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_options_are_mutually_exclusive_and_malformed_tokens_fail_with_260()
    {
        var harness = new CommandHarness();
        var token = D(new Doc().Add("_data", new Cdc.Sandbox.MongoDb.ChangeStreams.ResumeToken(default, 0, Cdc.Sandbox.MongoDb.ChangeStreams.ResumeTokenKind.HighWaterMark).ToHex()));
        var both = await harness.RunAsync(Aggregate(S("c"), new Doc().Add("resumeAfter", token).Add("startAfter", token)));
        Assert.Equal(50865, both["code"]!.Int32);
        var timeAndToken = await harness.RunAsync(Aggregate(S("c"), new Doc().Add("resumeAfter", token).Add("startAtOperationTime", DocValue.FromTimestamp(default))));
        Assert.Equal(40674, timeAndToken["code"]!.Int32);
        var malformed = await harness.RunAsync(Aggregate(S("c"), new Doc().Add("resumeAfter", D(new Doc().Add("_data", "82ZZ")))));
        Assert.Equal(260, malformed["code"]!.Int32);
        Assert.Equal("InvalidResumeToken", malformed["codeName"]!.String);
        var other = await OpenAsync(harness, new Doc(), collection: "other");
        await harness.RunOkAsync(new Doc().Add("insert", "other").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        var (otherEvents, _) = await GetMoreAsync(harness, other);
        var foreign = await harness.RunAsync(Aggregate(S("c"), new Doc().Add("resumeAfter", otherEvents.Last()["_id"]!)));
        Assert.Equal(280, foreign["code"]!.Int32);
        var unknown = await harness.RunAsync(Aggregate(S("c"), new Doc().Add("fullDocuments", "x")));
        Assert.Equal(40415, unknown["code"]!.Int32);
    }

    [Fact]
    public async Task Resuming_from_an_evicted_token_fails_with_ChangeStreamHistoryLost()
    {
        var harness = new CommandHarness(oplogCapacity: 5);
        var stream = await OpenAsync(harness, new Doc());
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        var (events, _) = await GetMoreAsync(harness, stream);
        for (var i = 2; i < 10; i++)
        {
            await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", i)))));
        }

        var reply = await harness.RunAsync(Aggregate(S("c"), new Doc().Add("resumeAfter", events[0]["_id"]!)));
        Assert.Equal(286, reply["code"]!.Int32);
        Assert.Equal("ChangeStreamHistoryLost", reply["codeName"]!.String);
        var atTime = await harness.RunAsync(Aggregate(S("c"), new Doc().Add("startAtOperationTime", events[0]["clusterTime"]!)));
        Assert.Equal(286, atTime["code"]!.Int32);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GetMoreAsync(harness, stream));
        Assert.Contains("code: 286", error.Message, StringComparison.Ordinal);
        Assert.False(harness.State.Cursors.TryGet(stream.Id, out _), "a failed getMore kills the cursor");
    }

    [Fact]
    public async Task Later_stages_filter_and_reshape_and_removing_the_token_fails_with_280()
    {
        var harness = new CommandHarness();
        var matched = await OpenAsync(harness, new Doc(), laterStages:
        [
            new Doc().Add("$match", new Doc().Add("operationType", new Doc().Add("$in", Array(S("insert"), S("delete")))).Add("fullDocument.keep", new Doc().Add("$ne", false))),
            new Doc().Add("$addFields", new Doc().Add("tag", "x").Add("key", "$documentKey._id")),
            new Doc().Add("$unset", "wallTime"),
        ]);
        var projected = await OpenAsync(harness, new Doc(), laterStages: [new Doc().Add("$project", new Doc().Add("_id", 0))]);
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1).Add("keep", false)), D(new Doc().Add("_id", 2)))));
        await harness.RunOkAsync(new Doc().Add("delete", "c").Add("deletes", Array(D(new Doc().Add("q", new Doc()).Add("limit", 0)))));

        var (events, _) = await GetMoreAsync(harness, matched);
        Assert.Equal(["insert", "delete", "delete"], Types(events));
        Assert.Equal([2, 1, 2], events.Select(change => change["key"]!.Int32));
        Assert.All(events, change => Assert.False(change.Contains("wallTime")));
        Assert.Equal("x", events[0]["tag"]!.String);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GetMoreAsync(harness, projected));
        Assert.Contains("code: 280", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_getMore_waits_for_maxTimeMS_and_returns_a_high_water_mark()
    {
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc());
        var watch = Stopwatch.StartNew();
        var (events, cursor) = await GetMoreAsync(harness, stream, maxTimeMS: 300);
        Assert.Empty(events);
        Assert.True(watch.ElapsedMilliseconds >= 250, $"the empty getMore answered after {watch.ElapsedMilliseconds} ms"); // it waited (a busy machine only adds to that)
        Assert.NotNull(cursor["postBatchResumeToken"]);

        // A write wakes a waiting getMore: its maxTimeMS is far longer than the test needs to write, and it answers at once.
        var waiting = GetMoreAsync(harness, stream, maxTimeMS: 60_000);
        await Task.Delay(100); // only spaces the write after the getMore: a write that comes first is answered at once too
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        var (arrived, _) = await waiting;
        Assert.Equal(["insert"], Types(arrived));
    }

    [Fact]
    public async Task Cluster_streams_open_only_on_admin_and_see_every_database()
    {
        var harness = new CommandHarness();
        var wrong = await harness.RunAsync(Aggregate(I(1), new Doc().Add("allChangesForCluster", true)));
        Assert.Equal(72, wrong["code"]!.Int32);
        var stream = await OpenAsync(harness, new Doc().Add("allChangesForCluster", true), database: "admin", collection: null);
        await harness.RunOkAsync(new Doc().Add("insert", "a").Add("documents", Array(D(new Doc().Add("_id", 1)))), "one");
        await harness.RunOkAsync(new Doc().Add("insert", "b").Add("documents", Array(D(new Doc().Add("_id", 1)))), "two");
        var (events, _) = await GetMoreAsync(harness, stream);
        Assert.Equal(["one", "two"], events.Select(change => change["ns"]!.Document["db"]!.String));
    }

    [Fact]
    public async Task Expanded_database_streams_report_explicit_and_implicit_creates_in_the_servers_shape_and_plain_ones_do_not()
    {
        var harness = new CommandHarness();
        var expanded = await OpenAsync(harness, new Doc().Add("showExpandedEvents", true), collection: null);
        var plain = await OpenAsync(harness, new Doc(), collection: null);
        await harness.RunOkAsync(new Doc().Add("create", "explicit"));
        await harness.RunOkAsync(new Doc().Add("insert", "inserted").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        await harness.RunOkAsync(new Doc().Add("createIndexes", "indexed").Add("indexes", Array(D(new Doc().Add("key", new Doc().Add("a", 1)).Add("name", "a_1")))));

        var (events, _) = await GetMoreAsync(harness, expanded);
        var (plainEvents, _) = await GetMoreAsync(harness, plain);

        Assert.Equal(["create", "create", "insert", "create", "createIndexes"], Types(events));
        Assert.Equal(["explicit", "inserted", "inserted", "indexed", "indexed"], events.Select(change => change["ns"]!.Document["coll"]!.String));
        var collections = await harness.RunOkAsync(new Doc().Add("listCollections", 1));
        var uuids = collections["cursor"]!.Document["firstBatch"]!.Array
            .Select(item => item.IsDocument && !item.HasRawBson ? item.Document : DocCodec.Read(item.Bytes))
            .ToDictionary(collection => collection["name"]!.String, collection => collection["info"]!.Document["uuid"]!.ToString());
        foreach (var create in events.Where(change => change["operationType"]!.String == "create"))
        {
            Assert.Equal(["_id", "operationType", "clusterTime", "collectionUUID", "wallTime", "ns", "operationDescription", "nsType"], Keys(create));
            Assert.Equal("{ idIndex: { v: 2, key: { _id: 1 }, name: \"_id_\" } }", create["operationDescription"]!.ToString());
            Assert.Equal(uuids[create["ns"]!.Document["coll"]!.String], create["collectionUUID"]!.ToString());
        }

        Assert.Equal("{ indexes: [ { v: 2, key: { a: 1 }, name: \"a_1\" } ] }", events[4]["operationDescription"]!.ToString());
        Assert.Equal(["insert"], Types(plainEvents));
    }

    private const Cdc.Schemas.Bson.BsonType BsonTypeNull = Cdc.Schemas.Bson.BsonType.Null;
}
