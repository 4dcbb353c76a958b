using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>readConcern on find, aggregate and count, parsed as mongod parses it; every read is at the latest state.</summary>
public sealed class ReadConcernTests
{
    public static TheoryData<string> Reads => ["find", "aggregate", "count"];

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Local_majority_linearizable_and_available_read_the_latest_write(string read)
    {
        var harness = await HarnessWithOneDocumentAsync();
        foreach (var level in (string[])["local", "majority", "linearizable", "available"])
        {
            var reply = await harness.RunOkAsync(Read(read, new Doc().Add("level", level)));
            Assert.Equal(1, Count(reply));
        }

        var latest = harness.Oplog()[^1].ClusterTime;
        var causal = await harness.RunOkAsync(Read(read, new Doc().Add("level", "majority").Add("afterClusterTime", DocValue.FromTimestamp(latest))));
        Assert.Equal(1, Count(causal));
        var noLevel = await harness.RunOkAsync(Read(read, new Doc().Add("afterClusterTime", DocValue.FromTimestamp(new BsonTimestamp(latest.Seconds, 0)))));
        Assert.Equal(1, Count(noLevel));
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Malformed_read_concerns_fail_with_the_servers_codes(string read)
    {
        var harness = await HarnessWithOneDocumentAsync();
        var latest = harness.Oplog()[^1].ClusterTime;

        var unknownLevel = await harness.RunAsync(Read(read, new Doc().Add("level", "eventual")));
        Assert.Equal(9, unknownLevel["code"]!.Int32);
        Assert.Equal("readConcern.level must be either 'local', 'majority', 'linearizable', 'available', or 'snapshot'", unknownLevel["errmsg"]!.String);
        Assert.Equal(9, (await harness.RunAsync(Read(read, DocValue.FromString("majority"))))["code"]!.Int32);
        Assert.Equal(14, (await harness.RunAsync(Read(read, new Doc().Add("level", 1))))["code"]!.Int32);
        Assert.Equal(14, (await harness.RunAsync(Read(read, new Doc().Add("afterClusterTime", 5L))))["code"]!.Int32);
        Assert.Equal(72, (await harness.RunAsync(Read(read, new Doc().Add("level", "local").Add("wtimeout", 5))))["code"]!.Int32);
        Assert.Equal(72, (await harness.RunAsync(Read(read, new Doc().Add("level", "available").Add("afterClusterTime", DocValue.FromTimestamp(latest)))))["code"]!.Int32);
        Assert.Equal(72, (await harness.RunAsync(Read(read, new Doc().Add("level", "majority").Add("atClusterTime", DocValue.FromTimestamp(latest)))))["code"]!.Int32);

        var future = await harness.RunAsync(Read(read, new Doc().Add("level", "majority").Add("afterClusterTime", DocValue.FromTimestamp(new BsonTimestamp(latest.Seconds + 60, 1)))));
        Assert.Equal(72, future["code"]!.Int32);
        Assert.StartsWith("readConcern afterClusterTime value must not be greater than the current clusterTime", future["errmsg"]!.String, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Snapshot_read_concern_is_refused_outside_a_transaction_and_accepted_in_one(string read)
    {
        var harness = await HarnessWithOneDocumentAsync();
        var refused = await harness.RunAsync(Read(read, new Doc().Add("level", "snapshot")));
        Assert.Equal(72, refused["code"]!.Int32);
        Assert.Contains("'snapshot' outside a multi-document transaction is not emulated by the cdc sandbox", refused["errmsg"]!.String, StringComparison.Ordinal);

        var inTransaction = Read(read, new Doc().Add("level", "snapshot"))
            .Add("lsid", new Doc().Add("id", 7)).Add("txnNumber", 1L).Add("startTransaction", true).Add("autocommit", false);
        Assert.Equal(1, Count(await harness.RunOkAsync(inTransaction)));
    }

    [Fact]
    public async Task A_reads_operationTime_and_clusterTime_are_the_time_of_the_latest_write()
    {
        var harness = await HarnessWithOneDocumentAsync();
        var insert = await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 2)))));
        var written = harness.Oplog()[^1].ClusterTime;
        Assert.Equal(written, insert["operationTime"]!.Timestamp);

        foreach (var read in Reads)
        {
            var reply = await harness.RunOkAsync(Read(read, new Doc().Add("level", "majority")));
            Assert.Equal(written, reply["operationTime"]!.Timestamp);
            Assert.Equal(written, reply["$clusterTime"]!.Document["clusterTime"]!.Timestamp);
        }
    }

    private static async Task<CommandHarness> HarnessWithOneDocumentAsync()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        return harness;
    }

    private static Doc Read(string read, Doc readConcern) => Read(read, DocValue.FromDocument(readConcern));

    private static Doc Read(string read, DocValue readConcern) => read switch
    {
        "find" => new Doc().Add("find", "c").Add("filter", new Doc().Add("_id", 1)).Add("readConcern", readConcern),
        "aggregate" => new Doc().Add("aggregate", "c").Add("cursor", new Doc()).Add("pipeline", Array(D(new Doc().Add("$match", new Doc().Add("_id", 1)))))
            .Add("readConcern", readConcern),
        _ => new Doc().Add("count", "c").Add("query", new Doc().Add("_id", 1)).Add("readConcern", readConcern),
    };

    private static int Count(Doc reply) => reply["n"] is { } n ? n.Int32 : reply["cursor"]!.Document["firstBatch"]!.Array.Count;
}
