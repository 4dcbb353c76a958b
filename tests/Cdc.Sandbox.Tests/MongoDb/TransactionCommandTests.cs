using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class TransactionCommandTests
{
    private static Doc Lsid(int id) => new Doc().Add("id", id);

    private static Doc InTxn(Doc command, long txnNumber, bool start = false, int session = 1)
    {
        command.Add("lsid", Lsid(session)).Add("txnNumber", txnNumber).Add("autocommit", false);
        if (start)
        {
            command.Add("startTransaction", true);
        }

        return command;
    }

    private static Doc End(string name, long txnNumber, int session = 1) =>
        new Doc().Add(name, 1).Add("lsid", Lsid(session)).Add("txnNumber", txnNumber).Add("autocommit", false);

    [Fact]
    public async Task Abort_undoes_inserts_updates_deletes_and_implicit_creates_and_logs_nothing()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1).Add("v", 1)), D(new Doc().Add("_id", 2)))));
        var logged = harness.Oplog().Count;

        await harness.RunOkAsync(InTxn(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 3)))), 1, start: true));
        await harness.RunOkAsync(InTxn(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc().Add("_id", 1)).Add("u", new Doc().Add("$set", new Doc().Add("v", 9)))))), 1));
        await harness.RunOkAsync(InTxn(new Doc().Add("delete", "c").Add("deletes", Array(D(new Doc().Add("q", new Doc().Add("_id", 2)).Add("limit", 1)))), 1));
        await harness.RunOkAsync(InTxn(new Doc().Add("insert", "fresh").Add("documents", Array(D(new Doc().Add("_id", 1)))), 1));
        var inside = await harness.RunOkAsync(InTxn(new Doc().Add("find", "c"), 1));
        Assert.Equal(2, inside["cursor"]!.Document["firstBatch"]!.Array.Count);
        Assert.Equal(logged, harness.Oplog().Count);

        await harness.RunOkAsync(End("abortTransaction", 1), "admin");
        var after = await harness.RunOkAsync(new Doc().Add("find", "c"));
        var documents = after["cursor"]!.Document["firstBatch"]!.Array;
        Assert.Equal([1, 2], documents.Select(d => DocCodec.Read(d.Bytes)["_id"]!.Int32));
        Assert.Equal(1, DocCodec.Read(documents[0].Bytes)["v"]!.Int32);
        Assert.Null(harness.Catalog.Find("test", "fresh"));
        Assert.Equal(logged, harness.Oplog().Count);
        Assert.Equal(251, (await harness.RunAsync(End("commitTransaction", 1), "admin"))["code"]!.Int32);
    }

    [Fact]
    public async Task Commit_logs_every_statement_under_one_clusterTime_with_lsid_and_txnNumber_and_may_be_retried()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(InTxn(new Doc().Add("insert", "a").Add("documents", Array(D(new Doc().Add("_id", 1)))), 4, start: true));
        await harness.RunOkAsync(InTxn(new Doc().Add("insert", "b").Add("documents", Array(D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 2)))), 4));
        Assert.Empty(harness.Oplog());
        await harness.RunOkAsync(End("commitTransaction", 4), "admin");
        await harness.RunOkAsync(End("commitTransaction", 4), "admin");

        var entries = harness.Oplog();
        Assert.Equal(5, entries.Count);
        Assert.Equal(3, entries.Count(entry => entry.Operation == OplogOperation.Insert));
        Assert.Single(entries.Select(entry => entry.ClusterTime).Distinct());
        Assert.All(entries, entry => Assert.Equal(4L, entry.TxnNumber));
        Assert.All(entries, entry => Assert.NotNull(entry.Lsid));
        // Change events carry txnNumber and lsid only for statements of a transaction, so the entries must say so.
        Assert.All(entries, entry => Assert.True(entry.InTransaction));
        Assert.Equal(256, (await harness.RunAsync(End("abortTransaction", 4), "admin"))["code"]!.Int32);
    }

    [Fact]
    public async Task Statements_of_unknown_or_old_transactions_and_unsupported_commands_fail_as_on_a_server()
    {
        var harness = new CommandHarness();
        var unknown = await harness.RunAsync(InTxn(new Doc().Add("find", "c"), 7));
        Assert.Equal(251, unknown["code"]!.Int32);
        Assert.Equal("NoSuchTransaction", unknown["codeName"]!.String);
        Assert.Equal("TransientTransactionError", Assert.Single(unknown["errorLabels"]!.Array).String);

        await harness.RunOkAsync(InTxn(new Doc().Add("find", "c"), 7, start: true));
        Assert.Equal(251, (await harness.RunAsync(InTxn(new Doc().Add("find", "c"), 6)))["code"]!.Int32);
        Assert.Equal(225, (await harness.RunAsync(InTxn(new Doc().Add("find", "c"), 6, start: true)))["code"]!.Int32);
        Assert.Equal(117, (await harness.RunAsync(InTxn(new Doc().Add("find", "c"), 7, start: true)))["code"]!.Int32);
        Assert.Equal(263, (await harness.RunAsync(InTxn(new Doc().Add("drop", "c"), 7)))["code"]!.Int32);
        Assert.Equal(72, (await harness.RunAsync(new Doc().Add("find", "c").Add("autocommit", true)))["code"]!.Int32);
        Assert.Equal(72, (await harness.RunAsync(new Doc().Add("find", "c").Add("autocommit", false)))["code"]!.Int32);
        Assert.Equal(13, (await harness.RunAsync(End("commitTransaction", 7)))["code"]!.Int32);

        // A newer transaction on the session aborts the unfinished one: its writes are undone.
        await harness.RunOkAsync(InTxn(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))), 7));
        await harness.RunOkAsync(InTxn(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 2)))), 8, start: true));
        await harness.RunOkAsync(End("commitTransaction", 8), "admin");
        var documents = (await harness.RunOkAsync(new Doc().Add("find", "c")))["cursor"]!.Document["firstBatch"]!.Array;
        Assert.Equal([2], documents.Select(d => DocCodec.Read(d.Bytes)["_id"]!.Int32));
    }

    [Fact]
    public async Task A_failing_statement_aborts_its_transaction_and_undoes_the_earlier_statements()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        await harness.RunOkAsync(InTxn(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 2)))), 1, start: true));
        var duplicate = await harness.RunOkAsync(InTxn(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))), 1));
        Assert.NotNull(duplicate["writeErrors"]);
        Assert.Equal(251, (await harness.RunAsync(End("commitTransaction", 1), "admin"))["code"]!.Int32);
        var documents = (await harness.RunOkAsync(new Doc().Add("find", "c")))["cursor"]!.Document["firstBatch"]!.Array;
        Assert.Equal([1], documents.Select(d => DocCodec.Read(d.Bytes)["_id"]!.Int32));

        await harness.RunOkAsync(InTxn(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 3)))), 2, start: true));
        Assert.Equal(2, (await harness.RunAsync(InTxn(new Doc().Add("find", "c").Add("filter", new Doc().Add("a", new Doc().Add("$regex", "x"))), 2)))["code"]!.Int32);
        Assert.Equal(251, (await harness.RunAsync(InTxn(new Doc().Add("find", "c"), 2)))["code"]!.Int32);
        Assert.Single(harness.Oplog(), entry => entry.Operation == OplogOperation.Insert);
    }
}
