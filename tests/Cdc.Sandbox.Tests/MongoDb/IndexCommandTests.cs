using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using static Cdc.Sandbox.Tests.MongoDb.ChangeStreamHarness;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class IndexCommandTests
{
    private static Doc CreateIndexes(string collection, params Doc[] specs) =>
        new Doc().Add("createIndexes", collection).Add("indexes", Array([.. specs.Select(D)]));

    private static Doc Spec(string name, Doc key) => new Doc().Add("key", key).Add("name", name);

    private static async Task<Doc> FailsWithAsync(CommandHarness harness, Doc command, int code, string codeName)
    {
        var reply = await harness.RunAsync(command);
        Assert.True(reply["ok"]!.Double == 0, $"expected failure: {reply}");
        Assert.Equal(code, reply["code"]!.Int32);
        Assert.Equal(codeName, reply["codeName"]!.String);
        return reply;
    }

    private static async Task<List<string>> IndexNamesAsync(CommandHarness harness, string collection)
    {
        var reply = await harness.RunOkAsync(new Doc().Add("listIndexes", collection));
        return reply["cursor"]!.Document["firstBatch"]!.Array.ConvertAll(item => DocCodec.Read(item.Bytes)["name"]!.String);
    }

    [Fact]
    public async Task CreateIndexes_creates_the_collection_implicitly_and_reports_counts()
    {
        var harness = new CommandHarness();
        var reply = await harness.RunOkAsync(CreateIndexes("c", Spec("a_1", new Doc().Add("a", 1)), Spec("b_-1", new Doc().Add("b", -1)).Add("unique", true)));
        Assert.Equal(1, reply["numIndexesBefore"]!.Int32);
        Assert.Equal(3, reply["numIndexesAfter"]!.Int32);
        Assert.True(reply["createdCollectionAutomatically"]!.Boolean);
        Assert.Null(reply["note"]);
        Assert.NotNull(harness.Catalog.Find("test", "c"));

        var list = await harness.RunOkAsync(new Doc().Add("listIndexes", "c"));
        var specs = list["cursor"]!.Document["firstBatch"]!.Array.ConvertAll(item => DocCodec.Read(item.Bytes).ToString());
        Assert.Equal(
            ["{ v: 2, key: { _id: 1 }, name: \"_id_\" }", "{ v: 2, key: { a: 1 }, name: \"a_1\" }", "{ v: 2, key: { b: -1 }, name: \"b_-1\", unique: true }"],
            specs);
        Assert.Equal("test.c", list["cursor"]!.Document["ns"]!.String);
    }

    [Fact]
    public async Task An_identical_index_is_a_no_op_with_the_servers_note()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(CreateIndexes("c", Spec("a_1", new Doc().Add("a", 1))));
        var entries = harness.Oplog().Count;
        var reply = await harness.RunOkAsync(CreateIndexes("c", Spec("a_1", new Doc().Add("a", 1))));
        Assert.Equal((2, 2, "all indexes already exist", false), (reply["numIndexesBefore"]!.Int32, reply["numIndexesAfter"]!.Int32, reply["note"]!.String, reply["createdCollectionAutomatically"]!.Boolean));
        Assert.Equal(entries, harness.Oplog().Count);
    }

    [Fact]
    public async Task Conflicting_specs_fail_with_mongods_codes_and_build_nothing()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(CreateIndexes("c", Spec("a_1", new Doc().Add("a", 1))));
        await FailsWithAsync(harness, CreateIndexes("c", Spec("a_1", new Doc().Add("a", 1)).Add("unique", true)), 85, "IndexOptionsConflict");
        await FailsWithAsync(harness, CreateIndexes("c", Spec("other", new Doc().Add("a", 1))), 85, "IndexOptionsConflict");
        await FailsWithAsync(harness, CreateIndexes("c", Spec("z_1", new Doc().Add("z", 1)), Spec("a_1", new Doc().Add("b", 1))), 86, "IndexKeySpecsConflict");
        Assert.Equal(["_id_", "a_1"], await IndexNamesAsync(harness, "c"));
    }

    [Fact]
    public async Task Malformed_specs_are_rejected_naming_the_problem()
    {
        var harness = new CommandHarness();
        await FailsWithAsync(harness, new Doc().Add("createIndexes", "c").Add("indexes", Array()), 2, "BadValue");
        await FailsWithAsync(harness, new Doc().Add("createIndexes", "c"), 9, "FailedToParse");
        var noName = await FailsWithAsync(harness, CreateIndexes("c", new Doc().Add("key", new Doc().Add("a", 1))), 9, "FailedToParse");
        Assert.Contains("'name'", noName["errmsg"]!.String, StringComparison.Ordinal);
        await FailsWithAsync(harness, CreateIndexes("c", new Doc().Add("name", "x")), 9, "FailedToParse");
        await FailsWithAsync(harness, CreateIndexes("c", Spec("x", new Doc())), 67, "CannotCreateIndex");
        var zero = await FailsWithAsync(harness, CreateIndexes("c", Spec("x", new Doc().Add("a", 0))), 67, "CannotCreateIndex");
        Assert.Contains("'a'", zero["errmsg"]!.String, StringComparison.Ordinal);
        await FailsWithAsync(harness, CreateIndexes("c", Spec("_id_", new Doc().Add("a", 1))), 2, "BadValue");
        Assert.Null(harness.Catalog.Find("test", "c"));
    }

    [Fact]
    public async Task DropIndexes_accepts_a_name_a_key_pattern_a_list_and_star()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(CreateIndexes("c", Spec("a_1", new Doc().Add("a", 1)), Spec("b_1", new Doc().Add("b", 1)), Spec("c_1", new Doc().Add("c", 1)), Spec("d_1", new Doc().Add("d", 1))));
        var reply = await harness.RunOkAsync(new Doc().Add("dropIndexes", "c").Add("index", "a_1"));
        Assert.Equal(5, reply["nIndexesWas"]!.Int32);
        await harness.RunOkAsync(new Doc().Add("dropIndexes", "c").Add("index", new Doc().Add("b", 1)));
        Assert.Equal(["_id_", "c_1", "d_1"], await IndexNamesAsync(harness, "c"));
        await harness.RunOkAsync(new Doc().Add("dropIndexes", "c").Add("index", Array(S("c_1"))));
        await harness.RunOkAsync(new Doc().Add("createIndexes", "c").Add("indexes", Array(D(Spec("e_1", new Doc().Add("e", 1))))));
        await harness.RunOkAsync(new Doc().Add("dropIndexes", "c").Add("index", "*"));
        Assert.Equal(["_id_"], await IndexNamesAsync(harness, "c"));

        var dropped = harness.Oplog().Where(entry => entry.Operation == OplogOperation.DropIndexes)
            .Select(entry => entry.OperationDescription!["indexes"]!.Array[0].Document["name"]!.String);
        Assert.Equal(["a_1", "b_1", "c_1", "d_1", "e_1"], dropped);
    }

    [Fact]
    public async Task DropIndexes_failures_use_mongods_codes_and_drop_nothing()
    {
        var harness = new CommandHarness();
        await FailsWithAsync(harness, new Doc().Add("dropIndexes", "c").Add("index", "a_1"), 26, "NamespaceNotFound");
        await FailsWithAsync(harness, new Doc().Add("listIndexes", "c"), 26, "NamespaceNotFound");
        await harness.RunOkAsync(CreateIndexes("c", Spec("a_1", new Doc().Add("a", 1))));
        await FailsWithAsync(harness, new Doc().Add("dropIndexes", "c").Add("index", "_id_"), 72, "InvalidOptions");
        await FailsWithAsync(harness, new Doc().Add("dropIndexes", "c").Add("index", new Doc().Add("_id", 1)), 72, "InvalidOptions");
        var missing = await FailsWithAsync(harness, new Doc().Add("dropIndexes", "c").Add("index", "nope"), 27, "IndexNotFound");
        Assert.Contains("nope", missing["errmsg"]!.String, StringComparison.Ordinal);
        await FailsWithAsync(harness, new Doc().Add("dropIndexes", "c").Add("index", new Doc().Add("x", 1)), 27, "IndexNotFound");
        await FailsWithAsync(harness, new Doc().Add("dropIndexes", "c").Add("index", Array(S("a_1"), S("nope"))), 27, "IndexNotFound");
        await FailsWithAsync(harness, new Doc().Add("dropIndexes", "c").Add("index", 5), 14, "TypeMismatch");
        await FailsWithAsync(harness, new Doc().Add("dropIndexes", "c"), 9, "FailedToParse");
        Assert.Equal(["_id_", "a_1"], await IndexNamesAsync(harness, "c"));
    }

    [Fact]
    public async Task Expanded_streams_report_createIndexes_and_dropIndexes_and_plain_streams_do_not()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("create", "c"));
        var expanded = await OpenAsync(harness, new Doc().Add("showExpandedEvents", true));
        var plain = await OpenAsync(harness, new Doc());
        await harness.RunOkAsync(CreateIndexes("c", Spec("a_1", new Doc().Add("a", 1)).Add("unique", true)));
        await harness.RunOkAsync(new Doc().Add("dropIndexes", "c").Add("index", "a_1"));
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));

        var (events, _) = await GetMoreAsync(harness, expanded);
        Assert.Equal(["createIndexes", "dropIndexes", "insert"], Types(events));
        foreach (var change in events.Take(2))
        {
            Assert.Equal(["_id", "operationType", "clusterTime", "collectionUUID", "wallTime", "ns", "operationDescription"], Keys(change));
            Assert.Equal("{ db: \"test\", coll: \"c\" }", change["ns"]!.ToString());
            Assert.Equal("{ indexes: [ { v: 2, key: { a: 1 }, name: \"a_1\", unique: true } ] }", change["operationDescription"]!.ToString());
        }

        var (plainEvents, _) = await GetMoreAsync(harness, plain);
        Assert.Equal(["insert"], Types(plainEvents));
    }
}
