using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Transactions judged by the official Node.js driver's session.withTransaction.</summary>
public sealed class TransactionNodeDriverTests
{

    [Fact]
    public async Task A_committed_transaction_is_logged_under_one_clusterTime_with_its_session_and_an_aborted_one_not_at_all()
    {
        await using var server = MongoServer.Start();
        var output = await MongoDriverScript.RunAsync(server, "mongo-transactions.mjs");
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);

        var entries = MongoDriverScript.ReadOplog(server);
        // Retryable writes carry lsid/txnNumber too; the transaction is the one holding the only update.
        var update = Assert.Single(entries, entry => entry.Operation == OplogOperation.Update);
        var transactional = entries.Where(entry => entry.TxnNumber == update.TxnNumber && entry.Lsid is not null && entry.Lsid.AsSpan().SequenceEqual(update.Lsid)).ToList();
        Assert.Equal(2, transactional.Count);
        Assert.Equal(OplogOperation.Insert, transactional[0].Operation);
        Assert.Equal("orders", transactional[0].Collection);
        Assert.Equal(OplogOperation.Update, transactional[1].Operation);
        Assert.Equal("stock", transactional[1].Collection);
        Assert.Equal(transactional[0].ClusterTime, transactional[1].ClusterTime);
        Assert.Equal(transactional[0].TxnNumber, transactional[1].TxnNumber);
        Assert.NotNull(transactional[0].Lsid);
        Assert.Equal(transactional[0].Lsid, transactional[1].Lsid);

        // The aborted transaction's order 2 and its stock change never reached the oplog; the clock only moves forward.
        // Two seed inserts plus the committed insert and update.
        Assert.Equal(4, entries.Count(entry => entry.Operation is OplogOperation.Insert or OplogOperation.Update));
        Assert.DoesNotContain(entries, entry => entry.DocumentKey is not null && Sandbox.MongoDb.Documents.DocCodec.Read(entry.DocumentKey)["_id"] is { Type: Cdc.Schemas.Bson.BsonType.Int32, Int32: 2 });
        for (var i = 1; i < entries.Count; i++)
        {
            var (previous, current) = (entries[i - 1].ClusterTime, entries[i].ClusterTime);
            Assert.True((current.Seconds, current.Increment).CompareTo((previous.Seconds, previous.Increment)) >= 0, $"entry {i} goes back in time");
        }
    }
}
