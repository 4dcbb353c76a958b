using System.Text.Json.Nodes;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.MongoDb;
using Cdc.Sandbox.MongoDb.Server;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.Source;

public sealed class ChangeStreamSourceTests
{
    private static readonly StartPosition Now = StartPosition.Now("test");

    [Theory]
    [InlineData("collection")]
    [InlineData("database")]
    [InlineData("cluster")]
    public async Task Open_now_sees_a_write_made_right_after_and_not_the_last_one_before(string scope)
    {
        await using var fixture = new SourceFixture();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 0}""");
        var source = fixture.Source(scope);

        var opened = source.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""");
        var events = SourceReader.Read(source, 1);

        Assert.NotNull(opened?.OperationTime);
        Assert.Equal(["insert shop.orders 1"], events.Select(SourceReader.Describe));
        var clusterTime = events[0]["clusterTime"]!["$timestamp"]!;
        Assert.True(clusterTime["t"]!.GetValue<uint>() >= opened.OperationTime!.Value.Seconds);
    }

    [Theory]
    [InlineData("collection")]
    [InlineData("database")]
    [InlineData("cluster")]
    public async Task Each_scope_sees_insert_update_replace_and_delete(string scope)
    {
        await using var fixture = new SourceFixture();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 0}""");
        var source = fixture.Source(scope);
        source.Open(Now);

        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1, "n": 1}""");
        EmulatorWrites.Update(fixture.Writer, "shop", "orders", """{"_id": 1}""", """{"$set": {"n": 2}}""");
        EmulatorWrites.Update(fixture.Writer, "shop", "orders", """{"_id": 1}""", """{"n": 3}""");
        EmulatorWrites.Delete(fixture.Writer, "shop", "orders", """{"_id": 1}""");
        var events = SourceReader.Read(source, 4);
        var tail = SourceReader.ReadToBatchEnd(source);

        Assert.Equal(["insert shop.orders 1", "update shop.orders 1", "replace shop.orders 1", "delete shop.orders 1"], events.Select(SourceReader.Describe));
        Assert.Equal(1, events[0]["fullDocument"]!["n"]!.GetValue<int>());
        Assert.Equal(2, events[1]["updateDescription"]!["updatedFields"]!["n"]!.GetValue<int>());
        Assert.Equal(3, events[2]["fullDocument"]!["n"]!.GetValue<int>());
        Assert.Empty(tail);
    }

    [Fact]
    public async Task Starting_at_a_captured_operation_time_replays_what_was_written_since()
    {
        await using var fixture = new SourceFixture();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 0}""");
        var first = fixture.Source("collection");
        var captured = first.Open(Now)!;
        first.Dispose();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""", """{"_id": 2}""");

        var second = fixture.Source("collection");
        Assert.Null(second.Open(StartPosition.From(captured, "test")));
        var events = SourceReader.Read(second, 2);

        Assert.Equal(["insert shop.orders 1", "insert shop.orders 2"], events.Select(SourceReader.Describe));
    }

    [Fact]
    public async Task Resuming_after_an_event_token_gives_exactly_the_following_events()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("database");
        source.Open(Now);
        for (var id = 1; id <= 5; id++)
        {
            EmulatorWrites.Insert(fixture.Writer, "shop", "orders", $$"""{"_id": {{id}}}""");
        }

        var all = SourceReader.Read(source, 5);
        var token = Bson.Doc(all[1]["_id"]!.ToJsonString());
        source.Open(StartPosition.From(ResumePosition.FromToken(token, isInvalidate: false), "test"));
        var resumed = SourceReader.Read(source, 3);
        var extra = SourceReader.ReadToBatchEnd(source);

        Assert.Equal(["insert shop.orders 3", "insert shop.orders 4", "insert shop.orders 5"], resumed.Select(SourceReader.Describe));
        Assert.Empty(extra);
    }

    [Fact]
    public async Task A_dropped_collection_invalidates_closes_and_starts_after_the_invalidate_token()
    {
        await using var fixture = new SourceFixture();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 0}""");
        var source = fixture.Source("collection");
        source.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""");
        EmulatorWrites.Drop(fixture.Writer, "shop", "orders");

        var events = SourceReader.Read(source, 3);
        var afterInvalidate = source.Read(out _);
        var invalidate = Bson.Doc(events[^1]["_id"]!.ToJsonString());
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 2}""");
        source.Open(StartPosition.From(ResumePosition.FromToken(invalidate, isInvalidate: true), "test"));
        var reopened = SourceReader.Read(source, 1);

        Assert.Equal(["insert shop.orders 1", "drop shop.orders", "invalidate"], events.Select(SourceReader.Describe));
        Assert.Equal(ChangeStreamRead.Closed, afterInvalidate);
        Assert.Equal(["insert shop.orders 2"], reopened.Select(SourceReader.Describe));
    }

    [Fact]
    public async Task After_an_invalidate_the_source_stays_closed_and_does_not_try_to_resume()
    {
        await using var fixture = new SourceFixture();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 0}""");
        var source = fixture.Source("collection");
        source.Open(Now);
        EmulatorWrites.Drop(fixture.Writer, "shop", "orders");
        var events = SourceReader.Read(source, 2);

        // libmongoc 1.23 re-ran the aggregate with resumeAfter the invalidate token when read again after the invalidate
        // (and failed with 260). The driver's stream ends: at most the invalidate's batch end, then Closed for good.
        var reads = new List<ChangeStreamRead>();
        for (var i = 0; i < 4; i++)
        {
            reads.Add(source.Read(out _));
        }

        Assert.Equal(["drop shop.orders", "invalidate"], events.Select(SourceReader.Describe));
        Assert.DoesNotContain(ChangeStreamRead.Event, reads);
        Assert.True(reads.Count(read => read == ChangeStreamRead.BatchEnd) <= 1 && reads[^3..].All(read => read == ChangeStreamRead.Closed), string.Join(", ", reads));
    }

    [Fact]
    public async Task An_idle_collection_stream_ends_batches_with_an_advancing_postBatchResumeToken_and_stays_open()
    {
        await using var fixture = new SourceFixture();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 0}""");
        var source = fixture.Source("collection");
        source.Open(Now);

        Assert.Empty(SourceReader.ReadToBatchEnd(source));
        var first = Bson.Json(source.PostBatchResumeToken);
        EmulatorWrites.Insert(fixture.Writer, "shop", "other", """{"_id": 1}""");
        Assert.Empty(SourceReader.ReadToBatchEnd(source));
        var second = Bson.Json(source.PostBatchResumeToken);
        var next = source.Read(out _);

        Assert.Contains("_data", first, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(second, first) > 0, $"{second} should sort after {first}");
        Assert.Equal(ChangeStreamRead.BatchEnd, next);
    }

    [Fact]
    public async Task Resuming_after_an_invalidate_token_is_refused_as_an_invalid_token()
    {
        await using var fixture = new SourceFixture();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 0}""");
        var source = fixture.Source("collection");
        source.Open(Now);
        EmulatorWrites.Drop(fixture.Writer, "shop", "orders");
        var events = SourceReader.Read(source, 2);
        var invalidate = Bson.Doc(events[^1]["_id"]!.ToJsonString());

        // The checkpoint wrongly says "not an invalidate": resumeAfter is what the source then sends.
        var error = Assert.Throws<MongoFailureException>(() => source.Open(StartPosition.From(ResumePosition.FromToken(invalidate, isInvalidate: false), "test")));

        Assert.Equal(260, error.Code);
        Assert.Equal(MongoFailureKind.InvalidToken, error.Kind);
    }

    [Fact]
    public async Task Include_and_exclude_namespaces_filter_on_the_server_and_keep_database_level_events()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("cluster", o =>
        {
            o.IncludeNamespaces = ["shop.orders", "bank"];
            o.ExcludeNamespaces = ["bank.audit"];
        });
        source.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""");
        EmulatorWrites.Insert(fixture.Writer, "shop", "carts", """{"_id": 2}""");
        EmulatorWrites.Insert(fixture.Writer, "bank", "accounts", """{"_id": 3}""");
        EmulatorWrites.Insert(fixture.Writer, "bank", "audit", """{"_id": 4}""");
        EmulatorWrites.Insert(fixture.Writer, "other", "things", """{"_id": 5}""");
        EmulatorWrites.Run(fixture.Writer, "shop", """{"dropDatabase": 1}""");
        EmulatorWrites.Insert(fixture.Writer, "bank", "accounts", """{"_id": 6}""");

        var events = SourceReader.Read(source, 5);

        Assert.Equal(
            ["insert shop.orders 1", "insert bank.accounts 3", "drop shop.orders", "dropDatabase shop", "insert bank.accounts 6"],
            events.Select(SourceReader.Describe));
    }

    [Fact]
    public async Task A_filtered_database_stream_still_gets_its_invalidate()
    {
        await using var fixture = new SourceFixture();
        EmulatorWrites.Insert(fixture.Writer, "shop", "carts", """{"_id": 0}""");
        var source = fixture.Source("database", o => o.ExcludeNamespaces = ["shop"]);
        source.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "carts", """{"_id": 1}""");
        EmulatorWrites.Run(fixture.Writer, "shop", """{"dropDatabase": 1}""");

        var events = SourceReader.Read(source, 1);

        Assert.Equal(["invalidate"], events.Select(SourceReader.Describe));
        Assert.Equal(ChangeStreamRead.Closed, source.Read(out _));
    }

    [Fact]
    public async Task The_user_pipeline_runs_after_the_namespace_filter()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("database", o =>
        {
            o.IncludeNamespaces = ["shop.orders"];
            o.Pipeline = JsonNode.Parse("""[{"$match": {"fullDocument.kind": "keep"}}, {"$addFields": {"tag": "from-pipeline"}}]""")!.AsArray();
        });
        source.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1, "kind": "drop"}""", """{"_id": 2, "kind": "keep"}""");
        EmulatorWrites.Insert(fixture.Writer, "shop", "carts", """{"_id": 3, "kind": "keep"}""");
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 4, "kind": "keep"}""");

        var events = SourceReader.Read(source, 2);

        Assert.Equal(["insert shop.orders 2", "insert shop.orders 4"], events.Select(SourceReader.Describe));
        Assert.All(events, e => Assert.Equal("from-pipeline", e["tag"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FullDocument_updateLookup_adds_the_current_document_to_updates()
    {
        await using var fixture = new SourceFixture();
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1, "n": 1, "name": "a"}""");
        var plain = fixture.Source("collection");
        var lookup = fixture.Source("collection", o => o.FullDocument = ChangeStreamFullDocumentOption.UpdateLookup);
        plain.Open(Now);
        lookup.Open(Now);
        EmulatorWrites.Update(fixture.Writer, "shop", "orders", """{"_id": 1}""", """{"$set": {"n": 2}}""");

        var withLookup = SourceReader.Read(lookup, 1).Single();
        var without = SourceReader.Read(plain, 1).Single();

        Assert.Equal("a", withLookup["fullDocument"]!["name"]!.GetValue<string>());
        Assert.Equal(2, withLookup["fullDocument"]!["n"]!.GetValue<int>());
        Assert.Null(without["fullDocument"]);
    }

    [Fact]
    public async Task A_resumable_getMore_failure_is_resumed_by_the_driver_without_gap_or_duplicate()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("collection");
        source.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""", """{"_id": 2}""");
        var before = SourceReader.Read(source, 2);
        EmulatorWrites.FailPoint(fixture.Writer, """{"configureFailPoint": "failGetMoreAfterCursorCheckout", "mode": {"times": 1}, "data": {"errorCode": 11602}}""");
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 3}""", """{"_id": 4}""");

        var after = SourceReader.Read(source, 2);
        var tail = SourceReader.ReadToBatchEnd(source);
        var fired = EmulatorWrites.Run(fixture.Writer, "admin", """{"configureFailPoint": "failGetMoreAfterCursorCheckout", "mode": "off"}""");

        Assert.Equal(["insert shop.orders 1", "insert shop.orders 2"], before.Select(SourceReader.Describe));
        Assert.Equal(["insert shop.orders 3", "insert shop.orders 4"], after.Select(SourceReader.Describe));
        Assert.Empty(tail);
        Assert.Equal(1, fired["count"].ToInt32());
    }

    [Theory]
    [InlineData(""" "errorCode": 91, "errorLabels": ["ResumableChangeStreamError"] """)]
    [InlineData(""" "closeConnection": true """)]
    public async Task A_failed_getMore_command_is_resumed_by_the_driver_without_gap_or_duplicate(string failure)
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("database");
        source.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""");
        var before = SourceReader.Read(source, 1);
        EmulatorWrites.FailPoint(fixture.Writer, $$$"""
            {"configureFailPoint": "failCommand", "mode": {"times": 1},
             "data": {"failCommands": ["getMore"], "appName": "cdc", {{{failure}}}}}
            """);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 2}""", """{"_id": 3}""");

        var after = SourceReader.Read(source, 2);
        var tail = SourceReader.ReadToBatchEnd(source);
        var fired = EmulatorWrites.Run(fixture.Writer, "admin", """{"configureFailPoint": "failCommand", "mode": "off"}""");

        Assert.Equal(["insert shop.orders 1"], before.Select(SourceReader.Describe));
        Assert.Equal(["insert shop.orders 2", "insert shop.orders 3"], after.Select(SourceReader.Describe));
        Assert.Empty(tail);
        Assert.Equal(1, fired["count"].ToInt32());
    }

    [Fact]
    public async Task When_the_drivers_resume_fails_too_the_source_throws_a_transient_failure_and_a_reopen_from_the_last_token_loses_nothing()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("collection");
        source.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""", """{"_id": 2}""");
        var before = SourceReader.Read(source, 2);
        var last = ResumePosition.FromToken(Bson.Doc(before[^1]["_id"]!.ToJsonString()), isInvalidate: false);

        // The getMore fails resumably, so the driver resumes once; the resume's aggregate fails as well (the driver does not
        // retry it: one failure is enough, as observed with driver 3.14).
        EmulatorWrites.FailPoint(fixture.Writer, """{"configureFailPoint": "failGetMoreAfterCursorCheckout", "mode": {"times": 1}, "data": {"errorCode": 11602}}""");
        EmulatorWrites.FailPoint(fixture.Writer, """
            {"configureFailPoint": "failCommand", "mode": {"times": 1},
             "data": {"failCommands": ["aggregate"], "appName": "cdc", "errorCode": 6}}
            """);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 3}""", """{"_id": 4}""");

        // Off the test thread, under a generous deadline: the read must end in an exception, not hang.
        var reading = Task.Run(() => SourceReader.Read(source, 2, TimeSpan.FromMinutes(2)));
        var error = await Assert.ThrowsAsync<MongoFailureException>(() => reading.WaitAsync(TimeSpan.FromMinutes(3)));
        var aggregatesFailed = EmulatorWrites.Run(fixture.Writer, "admin", """{"configureFailPoint": "failCommand", "mode": "off"}""")["count"].ToInt32();
        var getMoresFailed = EmulatorWrites.Run(fixture.Writer, "admin", """{"configureFailPoint": "failGetMoreAfterCursorCheckout", "mode": "off"}""")["count"].ToInt32();

        // The connector's outer loop reopens from its last position: every event exactly once.
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 5}""");
        source.Open(StartPosition.From(last, "test"));
        var after = SourceReader.Read(source, 3);
        var tail = SourceReader.ReadToBatchEnd(source);

        Assert.Equal(MongoFailureKind.Transient, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Equal(6, error.Code);
        Assert.StartsWith("Reading the change stream on collection shop.orders failed: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, getMoresFailed);
        Assert.Equal(1, aggregatesFailed);
        Assert.Equal(["insert shop.orders 1", "insert shop.orders 2"], before.Select(SourceReader.Describe));
        Assert.Equal(["insert shop.orders 3", "insert shop.orders 4", "insert shop.orders 5"], after.Select(SourceReader.Describe));
        Assert.Empty(tail);
    }

    [Fact]
    public async Task A_non_resumable_getMore_failure_surfaces_translated_with_its_code()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("collection");
        source.Open(Now);
        EmulatorWrites.FailPoint(fixture.Writer, """{"configureFailPoint": "failGetMoreAfterCursorCheckout", "mode": {"times": 1}, "data": {"errorCode": 2}}""");

        var error = Assert.Throws<MongoFailureException>(() => SourceReader.Read(source, 1, TimeSpan.FromSeconds(60)));

        Assert.Equal(2, error.Code);
        Assert.Equal("BadValue", error.CodeName);
        Assert.Equal(MongoFailureKind.RejectedRequest, error.Kind);
        Assert.StartsWith("Reading the change stream on collection shop.orders failed: ", error.Message, StringComparison.Ordinal);
        Assert.IsType<MongoDB.Driver.MongoCommandException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task A_token_that_left_the_oplog_fails_with_history_lost()
    {
        await using var fixture = new SourceFixture(new MongoServerOptions { OplogCapacity = 8 });
        var source = fixture.Source("collection");
        source.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""");
        var first = SourceReader.Read(source, 1).Single();
        for (var id = 2; id <= 20; id++)
        {
            EmulatorWrites.Insert(fixture.Writer, "shop", "orders", $$"""{"_id": {{id}}}""");
        }

        var token = ResumePosition.FromToken(Bson.Doc(first["_id"]!.ToJsonString()), isInvalidate: false);
        var error = Assert.Throws<MongoFailureException>(() => source.Open(StartPosition.From(token, "test")));

        Assert.Equal(286, error.Code);
        Assert.Equal("ChangeStreamHistoryLost", error.CodeName);
        Assert.Equal(MongoFailureKind.HistoryLost, error.Kind);
    }

    [Fact]
    public async Task An_idle_filtered_stream_ends_batches_with_an_advancing_postBatchResumeToken()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("cluster", o => o.IncludeNamespaces = ["shop.orders"]);
        source.Open(Now);

        Assert.Empty(SourceReader.ReadToBatchEnd(source));
        var first = Bson.Json(source.PostBatchResumeToken);
        EmulatorWrites.Insert(fixture.Writer, "shop", "carts", """{"_id": 1}""");
        EmulatorWrites.Insert(fixture.Writer, "bank", "accounts", """{"_id": 2}""");
        Assert.Empty(SourceReader.ReadToBatchEnd(source));
        var second = Bson.Json(source.PostBatchResumeToken);

        Assert.Contains("_data", first, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(second, first) > 0, $"{second} should sort after {first}");

        // Resuming from the PBRT starts after the filtered writes: the next event is the next matching one.
        source.Open(StartPosition.From(ResumePosition.FromToken(Bson.Doc(second), isInvalidate: false), "test"));
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 3}""");
        Assert.Equal(["insert shop.orders 3"], SourceReader.Read(source, 1).Select(SourceReader.Describe));
    }

    [Fact]
    public async Task BatchSize_limits_each_batch_without_losing_events()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("collection", o => o.BatchSize = 2);
        source.Open(Now);
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""", """{"_id": 2}""", """{"_id": 3}""", """{"_id": 4}""", """{"_id": 5}""");

        var events = SourceReader.Read(source, 5);

        Assert.Equal([1, 2, 3, 4, 5], events.Select(e => e["documentKey"]!["_id"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Reading_before_open_is_an_error()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("cluster");

        Assert.Throws<InvalidOperationException>(() => source.Read(out _));
        Assert.True(source.PostBatchResumeToken.IsEmpty);
    }

    [Fact]
    public async Task An_unreachable_server_fails_open_as_unreachable_naming_the_server_and_why()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("cluster", o => o.Uri = "mongodb://app:hunter2@127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300");

        var error = Assert.Throws<MongoFailureException>(() => source.Open(Now));

        Assert.Equal(MongoFailureKind.Unreachable, error.Kind);
        Assert.True(error.IsRetryable);
        // The driver reports the time it actually waited (about 300 ms).
        Assert.True(
            System.Text.RegularExpressions.Regex.IsMatch(error.Message, @"^Reading the server's current operation time \(ping\) failed: no MongoDB server was usable after \d+ ms: 127\.0\.0\.1:1 \("),
            error.Message);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_fails_a_resume_as_the_opening_of_the_stream_whose_version_could_not_be_read()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("cluster", o => o.Uri = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300");
        var token = ResumePosition.FromToken(Bson.Doc("""{"_data": "8200000001000000012B0229296E04"}"""), isInvalidate: false);

        var error = Assert.Throws<MongoFailureException>(() => source.Open(StartPosition.From(token, "test")));

        Assert.Equal(MongoFailureKind.Unreachable, error.Kind);
        Assert.StartsWith("Opening the change stream on the whole cluster (reading the server's version with buildInfo) failed: no MongoDB server was usable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_uri_the_driver_refuses_fails_open_as_a_configuration_error_without_the_password()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("cluster", o => o.Uri = "mongodb://app:hunter2@127.0.0.1:1/?maxPoolSize=many");

        var error = Assert.Throws<ConfigurationException>(() => source.Open(Now));

        Assert.StartsWith("'mongodb.uri' mongodb://app:****@127.0.0.1:1/?maxPoolSize=many is not a valid MongoDB connection string: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_stage_in_the_user_pipeline_is_a_rejected_request()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("collection", o => o.Pipeline = JsonNode.Parse("""[{"$lookup": {"from": "x"}}]""")!.AsArray());

        var error = Assert.Throws<MongoFailureException>(() => source.Open(Now));

        Assert.Equal(MongoFailureKind.RejectedRequest, error.Kind);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task A_configured_start_timestamp_in_the_past_replays_from_there()
    {
        await using var fixture = new SourceFixture();
        var before = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""");
        var source = fixture.Source("collection");

        source.Open(StartPositionResolver.Resolve(null, $"timestamp:{before}"));
        var events = SourceReader.Read(source, 1);

        Assert.Equal(["insert shop.orders 1"], events.Select(SourceReader.Describe));
        Assert.True(events[0]["clusterTime"]!["$timestamp"]!["t"]!.GetValue<uint>() >= before);
    }
}
