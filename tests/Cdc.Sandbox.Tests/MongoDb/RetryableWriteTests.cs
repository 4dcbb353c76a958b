using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class RetryableWriteTests
{
    private static Doc Retryable(Doc command, long txnNumber) => command.Add("lsid", new Doc().Add("id", 9)).Add("txnNumber", txnNumber);

    private static Doc InsertOne(int id) => new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", id))));

    [Fact]
    public async Task A_retried_write_returns_the_first_reply_and_does_not_write_again()
    {
        var harness = new CommandHarness();
        var first = await harness.RunOkAsync(Retryable(InsertOne(1), 1));
        var retry = await harness.RunOkAsync(Retryable(InsertOne(1), 1));
        Assert.Equal(1, first["n"]!.Int32);
        Assert.Equal(1, retry["n"]!.Int32);
        Assert.Null(retry["writeErrors"]);

        var increment = new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc().Add("_id", 1)).Add("u", new Doc().Add("$inc", new Doc().Add("v", 1))))));
        await harness.RunOkAsync(Retryable(increment, 2));
        await harness.RunOkAsync(Retryable(increment.Clone(), 2));
        var document = DocCodec.Read((await harness.RunOkAsync(new Doc().Add("find", "c")))["cursor"]!.Document["firstBatch"]!.Array[0].Bytes);
        Assert.Equal(1, document["v"]!.Int32);
        Assert.Single(harness.Oplog(), entry => entry.Operation == OplogOperation.Insert);
        Assert.Single(harness.Oplog(), entry => entry.Operation == OplogOperation.Update);

        Assert.Equal(225, (await harness.RunAsync(Retryable(InsertOne(5), 1)))["code"]!.Int32);
    }

    [Fact]
    public async Task A_write_that_failed_with_an_error_runs_when_retried()
    {
        var harness = new CommandHarness();
        var bad = await harness.RunAsync(Retryable(new Doc().Add("insert", "c"), 1));
        Assert.Equal(0.0, bad["ok"]!.Double);
        await harness.RunOkAsync(Retryable(InsertOne(1), 1));
        Assert.Single(harness.Oplog(), entry => entry.Operation == OplogOperation.Insert);
    }
}
