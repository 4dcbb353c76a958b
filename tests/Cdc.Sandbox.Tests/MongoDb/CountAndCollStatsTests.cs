using Cdc.Sandbox.MongoDb.Documents;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>The count command and the $collStats stage, which estimates (estimatedDocumentCount, snapshot progress) read.</summary>
public sealed class CountAndCollStatsTests
{
    [Fact]
    public async Task Count_without_a_query_is_the_document_count_and_with_one_counts_matches_after_skip_and_limit()
    {
        var harness = await CollectionAsync(10);
        Assert.Equal(10, (await harness.RunOkAsync(new Doc().Add("count", "c")))["n"]!.Int32);
        Assert.Equal(4, (await harness.RunOkAsync(new Doc().Add("count", "c").Add("query", new Doc().Add("_id", new Doc().Add("$gte", 6)))))["n"]!.Int32);
        Assert.Equal(5, (await harness.RunOkAsync(new Doc().Add("count", "c").Add("query", new Doc().Add("even", true))))["n"]!.Int32);
        Assert.Equal(3, (await harness.RunOkAsync(new Doc().Add("count", "c").Add("skip", 7)))["n"]!.Int32);
        Assert.Equal(0, (await harness.RunOkAsync(new Doc().Add("count", "c").Add("skip", 70)))["n"]!.Int32);

        // As on a server, a negative limit counts like its absolute value.
        Assert.Equal(2, (await harness.RunOkAsync(new Doc().Add("count", "c").Add("limit", -2)))["n"]!.Int32);
        Assert.Equal(2, (await harness.RunOkAsync(new Doc().Add("count", "c").Add("query", new Doc().Add("even", true)).Add("skip", 1).Add("limit", 2L)))["n"]!.Int32);
        var majority = await harness.RunOkAsync(new Doc().Add("count", "c").Add("readConcern", new Doc().Add("level", "majority")).Add("comment", "estimate"));
        Assert.Equal(10, majority["n"]!.Int32);
        Assert.NotNull(majority["operationTime"]);
    }

    [Fact]
    public async Task Count_of_a_missing_collection_is_zero_and_bad_arguments_fail_as_on_a_server()
    {
        var harness = new CommandHarness();
        Assert.Equal(0, (await harness.RunOkAsync(new Doc().Add("count", "missing")))["n"]!.Int32);
        Assert.Equal(0, (await harness.RunOkAsync(new Doc().Add("count", "missing").Add("query", new Doc().Add("a", 1))))["n"]!.Int32);

        var skip = await harness.RunAsync(new Doc().Add("count", "c").Add("skip", -1));
        Assert.Equal(9, skip["code"]!.Int32);
        Assert.Equal("Expected a non-negative number in: skip: -1", skip["errmsg"]!.String);
        var limit = await harness.RunAsync(new Doc().Add("count", "c").Add("limit", "ten"));
        Assert.Equal(2, limit["code"]!.Int32);
        var unknown = await harness.RunAsync(new Doc().Add("count", "c").Add("bogus", 1));
        Assert.Equal(40415, unknown["code"]!.Int32);
        Assert.Equal("BSON field 'count.bogus' is an unknown field.", unknown["errmsg"]!.String);
        var query = await harness.RunAsync(new Doc().Add("count", "c").Add("query", new Doc().Add("a", new Doc().Add("$where", "1"))));
        Assert.Equal(2, query["code"]!.Int32);
    }

    [Fact]
    public async Task CollStats_reports_count_and_storage_stats_from_the_collections_documents()
    {
        var harness = await CollectionAsync(10);
        await harness.RunOkAsync(new Doc().Add("createIndexes", "c").Add("indexes", Array(D(new Doc().Add("key", new Doc().Add("even", 1)).Add("name", "even_1")))));
        var stats = (await harness.ReadAllAsync(CollStats(new Doc().Add("count", new Doc()).Add("storageStats", new Doc())))).Single();
        var size = harness.Catalog.Find("test", "c")!.Documents.Sum(document => DocCodec.Write(document).Length);

        Assert.Equal(["ns", "host", "localTime", "storageStats", "count"], stats.Fields.Select(field => field.Key));
        Assert.Equal("test.c", stats["ns"]!.String);
        Assert.Equal("127.0.0.1:27017", stats["host"]!.String);
        Assert.Equal(Schemas.Bson.BsonType.DateTime, stats["localTime"]!.Type);
        Assert.Equal(10, stats["count"]!.Int32);
        var storage = stats["storageStats"]!.Document;
        Assert.Equal(size, storage["size"]!.Int32);
        Assert.Equal(10, storage["count"]!.Int32);
        Assert.Equal(size / 10, storage["avgObjSize"]!.Int32);
        Assert.Equal(size, storage["storageSize"]!.Int32);
        Assert.Equal(2, storage["nindexes"]!.Int32);
        Assert.Equal(["_id_", "even_1"], storage["indexSizes"]!.Document.Fields.Select(field => field.Key));
        Assert.Equal(size, storage["totalSize"]!.Int32);
        Assert.Equal(1, storage["scaleFactor"]!.Int32);
        Assert.False(storage["capped"]!.Boolean);

        // Sizes follow writes, and a scale divides them (a fraction is cut to its integer part).
        await harness.RunOkAsync(new Doc().Add("delete", "c").Add("deletes", Array(D(new Doc().Add("q", new Doc().Add("even", true)).Add("limit", 0)))));
        var scaled = (await harness.ReadAllAsync(CollStats(new Doc().Add("storageStats", new Doc().Add("scale", 10.9))))).Single();
        var remaining = harness.Catalog.Find("test", "c")!.Documents.Sum(document => DocCodec.Write(document).Length);
        Assert.Equal(remaining / 10, scaled["storageStats"]!.Document["size"]!.Int32);
        Assert.Equal(5, scaled["storageStats"]!.Document["count"]!.Int32);
        Assert.Equal(10, scaled["storageStats"]!.Document["scaleFactor"]!.Int32);
        Assert.Null(scaled["count"]);
    }

    [Fact]
    public async Task CollStats_on_a_missing_collection_or_after_the_first_stage_fails_as_on_a_server()
    {
        var harness = await CollectionAsync(1);
        var storage = await harness.RunAsync(CollStats(new Doc().Add("storageStats", new Doc()), "missing"));
        Assert.Equal(26, storage["code"]!.Int32);
        Assert.Equal("Unable to retrieve storageStats in $collStats stage :: caused by :: Collection [test.missing] not found.", storage["errmsg"]!.String);
        var count = await harness.RunAsync(CollStats(new Doc().Add("count", new Doc()), "missing"));
        Assert.Equal(26, count["code"]!.Int32);
        Assert.Contains("Unable to retrieve count in $collStats stage", count["errmsg"]!.String, StringComparison.Ordinal);

        var late = await harness.RunAsync(new Doc().Add("aggregate", "c").Add("cursor", new Doc()).Add("pipeline", Array(
            D(new Doc().Add("$match", new Doc())), D(new Doc().Add("$collStats", new Doc().Add("count", new Doc()))))));
        Assert.Equal(40602, late["code"]!.Int32);
        var scale = await harness.RunAsync(CollStats(new Doc().Add("storageStats", new Doc().Add("scale", 0))));
        Assert.Equal(51024, scale["code"]!.Int32);
        var unknown = await harness.RunAsync(CollStats(new Doc().Add("bogus", new Doc())));
        Assert.Equal(40415, unknown["code"]!.Int32);
        var latency = await harness.RunAsync(CollStats(new Doc().Add("latencyStats", new Doc())));
        Assert.Contains("not emulated", latency["errmsg"]!.String, StringComparison.Ordinal);

        // Later stages see the one stats document.
        var projected = await harness.ReadAllAsync(new Doc().Add("aggregate", "c").Add("cursor", new Doc()).Add("pipeline", Array(
            D(new Doc().Add("$collStats", new Doc().Add("count", new Doc()))), D(new Doc().Add("$project", new Doc().Add("count", 1).Add("_id", 0))))));
        Assert.Equal("{ count: 1 }", projected.Single().ToString());
    }

    private static async Task<CommandHarness> CollectionAsync(int documents)
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(
            [.. Enumerable.Range(0, documents).Select(i => D(new Doc().Add("_id", i).Add("even", i % 2 == 0).Add("text", new string('t', i))))])));
        return harness;
    }

    private static Doc CollStats(Doc options, string collection = "c") =>
        new Doc().Add("aggregate", collection).Add("cursor", new Doc()).Add("pipeline", Array(D(new Doc().Add("$collStats", options))));
}
