using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class CommandTests
{
    [Fact]
    public async Task An_unknown_command_fails_with_CommandNotFound_saying_the_sandbox_does_not_emulate_it()
    {
        var reply = await new CommandHarness().RunAsync(new Doc().Add("mapReduce", "c"));
        Assert.Equal(0.0, reply["ok"]!.Double);
        Assert.Equal(59, reply["code"]!.Int32);
        Assert.Equal("CommandNotFound", reply["codeName"]!.String);
        Assert.Contains("no such command: 'mapReduce'", reply["errmsg"]!.String, StringComparison.Ordinal);
        Assert.Contains("cdc sandbox does not emulate", reply["errmsg"]!.String, StringComparison.Ordinal);
        Assert.NotNull(reply["$clusterTime"]);
    }

    [Fact]
    public async Task Command_names_are_case_sensitive_as_on_a_server()
    {
        var harness = new CommandHarness();
        Assert.Equal(1.0, (await harness.RunAsync(new Doc().Add("isMaster", 1)))["ok"]!.Double);
        Assert.Equal(1.0, (await harness.RunAsync(new Doc().Add("ismaster", 1)))["ok"]!.Double);
        Assert.Equal(59, (await harness.RunAsync(new Doc().Add("PING", 1)))["code"]!.Int32);
    }

    [Fact]
    public async Task Unsupported_query_operators_fail_with_BadValue_naming_the_operator()
    {
        var harness = new CommandHarness();
        var reply = await harness.RunAsync(new Doc().Add("find", "c").Add("filter", new Doc().Add("a", new Doc().Add("$regex", "x"))));
        Assert.Equal(2, reply["code"]!.Int32);
        Assert.Contains("$regex", reply["errmsg"]!.String, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comparison_operators_stay_within_one_type_bracket()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(
            D(new Doc().Add("_id", 1).Add("v", 5)),
            D(new Doc().Add("_id", 2).Add("v", "zzz")),
            D(new Doc().Add("_id", 3).Add("v", 7.5)),
            D(new Doc().Add("_id", 4).Add("v", 9L)))));
        var reply = await harness.RunOkAsync(new Doc().Add("find", "c").Add("filter", new Doc().Add("v", new Doc().Add("$gt", 6))));
        var ids = reply["cursor"]!.Document["firstBatch"]!.Array.ConvertAll(item => DocCodec.Read(item.Bytes)["_id"]!.Int32);
        Assert.Equal([3, 4], ids);
    }

    [Fact]
    public async Task Numeric_ids_of_different_types_collide_as_duplicates()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        var reply = await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1.0)))));
        var error = reply["writeErrors"]!.Array.Single().Document;
        Assert.Equal(11000, error["code"]!.Int32);
        Assert.Equal(0, error["index"]!.Int32);
        Assert.Contains("dup key: { _id: 1 }", error["errmsg"]!.String, StringComparison.Ordinal);
        Assert.Equal(0, reply["n"]!.Int32);
    }

    [Fact]
    public async Task An_ordered_insert_stops_at_the_first_error_and_an_unordered_one_goes_on()
    {
        var harness = new CommandHarness();
        var ordered = await harness.RunOkAsync(new Doc().Add("insert", "o").Add("documents", Array(
            D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 2)))));
        Assert.Equal(1, ordered["n"]!.Int32);
        var unordered = await harness.RunOkAsync(new Doc().Add("insert", "u").Add("ordered", false).Add("documents", Array(
            D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 2)))));
        Assert.Equal(2, unordered["n"]!.Int32);
        Assert.Equal(1, unordered["writeErrors"]!.Array.Single().Document["index"]!.Int32);
    }

    [Fact]
    public async Task Update_operators_edit_dotted_paths_and_array_indexes()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(
            D(new Doc().Add("_id", 1).Add("a", new Doc().Add("b", 1)).Add("arr", Array(I(1), I(2), I(3)))))));
        var update = new Doc()
            .Add("$set", new Doc().Add("a.c.d", "deep").Add("arr.5", 6))
            .Add("$inc", new Doc().Add("a.b", 10))
            .Add("$rename", new Doc().Add("x", "y"));
        var reply = await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc().Add("_id", 1)).Add("u", update)))));
        Assert.Equal(1, reply["nModified"]!.Int32);
        var stored = harness.Catalog.Find("test", "c")!.Documents.Single();
        Assert.Equal("{ _id: 1, a: { b: 11, c: { d: \"deep\" } }, arr: [ 1, 2, 3, null, null, 6 ] }", stored.ToString());
    }

    [Fact]
    public async Task Conflicting_update_paths_and_id_changes_are_refused()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        var conflict = new Doc().Add("$set", new Doc().Add("a.b", 1)).Add("$unset", new Doc().Add("a", ""));
        var reply = await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc()).Add("u", conflict)))));
        Assert.Equal(40, reply["writeErrors"]!.Array.Single().Document["code"]!.Int32);
        var pathIntoScalar = new Doc().Add("$set", new Doc().Add("_id.x", 1));
        reply = await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc()).Add("u", pathIntoScalar)))));
        Assert.Equal(66, reply["writeErrors"]!.Array.Single().Document["code"]!.Int32);
    }

    [Fact]
    public async Task An_upsert_seeds_the_new_document_from_the_filter_equalities()
    {
        var harness = new CommandHarness();
        var statement = new Doc()
            .Add("q", new Doc().Add("k", "key").Add("n", new Doc().Add("$gt", 5)).Add("e", new Doc().Add("$eq", 3)))
            .Add("u", new Doc().Add("$set", new Doc().Add("v", 1)))
            .Add("upsert", true);
        var reply = await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(statement))));
        Assert.Equal(1, reply["n"]!.Int32);
        Assert.Equal(0, reply["nModified"]!.Int32);
        var upserted = reply["upserted"]!.Array.Single().Document;
        Assert.Equal(0, upserted["index"]!.Int32);
        var stored = harness.Catalog.Find("test", "c")!.Documents.Single();
        Assert.Equal(["_id", "k", "e", "v"], stored.Fields.Select(field => field.Key));
    }

    [Fact]
    public async Task Find_batches_continue_with_getMore_until_the_cursor_is_exhausted()
    {
        var harness = new CommandHarness();
        var documents = Enumerable.Range(0, 10).Select(i => D(new Doc().Add("_id", i))).ToArray();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(documents)));
        var first = (await harness.RunOkAsync(new Doc().Add("find", "c").Add("batchSize", 4)))["cursor"]!.Document;
        Assert.Equal(4, first["firstBatch"]!.Array.Count);
        var id = first["id"]!.Int64;
        Assert.NotEqual(0, id);
        var second = (await harness.RunOkAsync(new Doc().Add("getMore", id).Add("collection", "c").Add("batchSize", 4)))["cursor"]!.Document;
        Assert.Equal(4, second["nextBatch"]!.Array.Count);
        var third = (await harness.RunOkAsync(new Doc().Add("getMore", id).Add("collection", "c")))["cursor"]!.Document;
        Assert.Equal(2, third["nextBatch"]!.Array.Count);
        Assert.Equal(0L, third["id"]!.Int64);
        var gone = await harness.RunAsync(new Doc().Add("getMore", id).Add("collection", "c"));
        Assert.Equal(43, gone["code"]!.Int32);
    }

    [Fact]
    public async Task KillCursors_reports_killed_and_unknown_ids()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 2)))));
        var id = (await harness.RunOkAsync(new Doc().Add("find", "c").Add("batchSize", 1)))["cursor"]!.Document["id"]!.Int64;
        var reply = await harness.RunOkAsync(new Doc().Add("killCursors", "c").Add("cursors", Array(DocValue.FromInt64(id), DocValue.FromInt64(12345))));
        Assert.Equal(id, reply["cursorsKilled"]!.Array.Single().Int64);
        Assert.Equal(12345L, reply["cursorsNotFound"]!.Array.Single().Int64);
    }

    [Fact]
    public async Task Create_rejects_options_it_cannot_honour_and_an_existing_name()
    {
        var harness = new CommandHarness();
        var capped = await harness.RunAsync(new Doc().Add("create", "c").Add("capped", true));
        Assert.Equal(72, capped["code"]!.Int32);
        Assert.Contains("'capped'", capped["errmsg"]!.String, StringComparison.Ordinal);
        await harness.RunOkAsync(new Doc().Add("create", "c"));
        Assert.Equal(48, (await harness.RunAsync(new Doc().Add("create", "c")))["code"]!.Int32);
    }

    [Fact]
    public async Task Rename_runs_only_on_admin_and_needs_the_source()
    {
        var harness = new CommandHarness();
        Assert.Equal(13, (await harness.RunAsync(new Doc().Add("renameCollection", "test.a").Add("to", "test.b")))["code"]!.Int32);
        Assert.Equal(26, (await harness.RunAsync(new Doc().Add("renameCollection", "test.a").Add("to", "test.b"), "admin"))["code"]!.Int32);
    }

    [Fact]
    public async Task A_defect_in_a_handler_answers_InternalError_instead_of_dropping_the_connection()
    {
        var state = new ServerState(new MongoServerOptions(), new ReplicaSetIdentity("rs0", "127.0.0.1:1", new byte[12]));
        var dispatcher = new CommandDispatcher(state, [new ThrowingCommand()]);
        var reply = await dispatcher.ExecuteAsync(new Doc().Add("explode", 1).Add("$db", "test"), null, 1, CancellationToken.None);
        Assert.Equal(1, reply["code"]!.Int32);
        Assert.Equal("InternalError", reply["codeName"]!.String);
        Assert.Contains("deliberate defect", reply["errmsg"]!.String, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_point_lookup_matches_numerically_equal_ids_of_another_type()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1).Add("v", "one")), D(new Doc().Add("_id", 2)))));
        var found = (await harness.RunOkAsync(new Doc().Add("find", "c").Add("filter", new Doc().Add("_id", 1.0).Add("v", "one"))))["cursor"]!.Document["firstBatch"]!.Array;
        Assert.Single(found);
        var missed = (await harness.RunOkAsync(new Doc().Add("find", "c").Add("filter", new Doc().Add("_id", 2).Add("v", "one"))))["cursor"]!.Document["firstBatch"]!.Array;
        Assert.Empty(missed);
    }
}
