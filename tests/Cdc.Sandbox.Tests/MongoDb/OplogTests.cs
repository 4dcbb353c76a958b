using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Schemas.Bson;
using Xunit.Abstractions;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class OplogTests
{
    private readonly ITestOutputHelper _output;

    public OplogTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Writes_are_logged_in_commit_order_with_strictly_increasing_cluster_times()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 2)))));
        await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc().Add("_id", 1)).Add("u", new Doc().Add("$set", new Doc().Add("x", 1)))))));
        await harness.RunOkAsync(new Doc().Add("delete", "c").Add("deletes", Array(D(new Doc().Add("q", new Doc().Add("_id", 2)).Add("limit", 1)))));

        var entries = harness.Oplog();
        Assert.Equal([OplogOperation.Create, OplogOperation.Insert, OplogOperation.Insert, OplogOperation.Update, OplogOperation.Delete], entries.Select(entry => entry.Operation));
        Assert.Equal([0L, 1, 2, 3, 4], entries.Select(entry => entry.Sequence));
        for (var i = 1; i < entries.Count; i++)
        {
            var previous = entries[i - 1].ClusterTime;
            var current = entries[i].ClusterTime;
            Assert.True(current.Seconds > previous.Seconds || (current.Seconds == previous.Seconds && current.Increment > previous.Increment), $"cluster time {i} is not after {i - 1}");
        }

        var collection = harness.Catalog.Find("test", "c")!;
        Assert.All(entries, entry => Assert.Equal(collection.Uuid, entry.CollectionUuid));
        Assert.All(entries, entry => Assert.Equal("test", entry.Database));
        Assert.Equal("{ _id: 2 }", DocCodec.Read(entries[4].DocumentKey).ToString());
        Assert.Equal("{ _id: 1, x: 1 }", DocCodec.Read(entries[3].PostImage).ToString());
        Assert.Null(entries[3].PreImage);
    }

    [Fact]
    public async Task A_multi_update_logs_one_entry_per_modified_document_and_none_for_unchanged_ones()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(
            D(new Doc().Add("_id", 1).Add("g", 1)), D(new Doc().Add("_id", 2).Add("g", 1).Add("done", true)), D(new Doc().Add("_id", 3).Add("g", 1)), D(new Doc().Add("_id", 4).Add("g", 2)))));
        var before = harness.Catalog.Oplog.NextSequence;
        var reply = await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc()
            .Add("q", new Doc().Add("g", 1)).Add("u", new Doc().Add("$set", new Doc().Add("done", true))).Add("multi", true)))));
        Assert.Equal(3, reply["n"]!.Int32);
        Assert.Equal(2, reply["nModified"]!.Int32);
        var entries = harness.Oplog().Where(entry => entry.Sequence >= before).ToList();
        Assert.Equal([1, 3], entries.Select(entry => DocCodec.Read(entry.DocumentKey)["_id"]!.Int32));
        Assert.All(entries, entry => Assert.Equal(OplogOperation.Update, entry.Operation));
        Assert.All(entries, entry => Assert.Equal("done", entry.UpdateDescription!.UpdatedFields.Single().Key));

        before = harness.Catalog.Oplog.NextSequence;
        await harness.RunOkAsync(new Doc().Add("delete", "c").Add("deletes", Array(D(new Doc().Add("q", new Doc()).Add("limit", 0)))));
        Assert.Equal(4, harness.Oplog().Count(entry => entry.Sequence >= before && entry.Operation == OplogOperation.Delete));
    }

    [Fact]
    public async Task Update_descriptions_report_updated_removed_and_truncated_paths()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc()
            .Add("_id", 1).Add("a", new Doc().Add("b", 1).Add("gone", 2)).Add("arr", Array(I(1), I(2), I(3))).Add("list", Array(S("x")))))));
        var update = new Doc()
            .Add("$set", new Doc().Add("a.b", 5))
            .Add("$unset", new Doc().Add("a.gone", ""))
            .Add("$pull", new Doc().Add("arr", 2))
            .Add("$push", new Doc().Add("list", "y"));
        await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc()).Add("u", update)))));
        var description = harness.Oplog().Last().UpdateDescription!;
        Assert.Equal(["a.b", "arr.1", "list.1"], description.UpdatedFields.Select(field => field.Key));
        Assert.Equal(3, description.UpdatedFields[1].Value.Int32);
        Assert.Equal(["a.gone"], description.RemovedFields);
        Assert.Equal(new KeyValuePair<string, int>("arr", 2), description.TruncatedArrays.Single());
        Assert.Equal("{ updatedFields: { a.b: 5, arr.1: 3, list.1: \"y\" }, removedFields: [ \"a.gone\" ], truncatedArrays: [ { field: \"arr\", newSize: 2 } ] }", description.ToDocument().ToString());
    }

    [Fact]
    public async Task Pre_images_are_kept_only_while_the_collection_has_them_enabled()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("create", "c").Add("changeStreamPreAndPostImages", new Doc().Add("enabled", true)));
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1).Add("v", 1)))));
        await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc().Add("q", new Doc()).Add("u", new Doc().Add("v", 2))))));
        var replace = harness.Oplog().Last();
        Assert.Equal(OplogOperation.Replace, replace.Operation);
        Assert.True(replace.PreAndPostImagesEnabled);
        Assert.Equal("{ _id: 1, v: 1 }", DocCodec.Read(replace.PreImage).ToString());
        Assert.Null(replace.UpdateDescription);

        await harness.RunOkAsync(new Doc().Add("collMod", "c").Add("changeStreamPreAndPostImages", new Doc().Add("enabled", false)));
        Assert.Equal(OplogOperation.Modify, harness.Oplog().Last().Operation);
        await harness.RunOkAsync(new Doc().Add("delete", "c").Add("deletes", Array(D(new Doc().Add("q", new Doc()).Add("limit", 1)))));
        Assert.Null(harness.Oplog().Last().PreImage);
    }

    [Fact]
    public async Task Session_ids_and_transaction_numbers_are_recorded_on_entries()
    {
        var harness = new CommandHarness();
        var lsid = new Doc().Add("id", DocValue.FromBinary(BsonBinarySubtypes.Uuid, new byte[16]));
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))).Add("lsid", lsid).Add("txnNumber", 7L));
        var insert = harness.Oplog().Last();
        Assert.Equal(7L, insert.TxnNumber);
        Assert.Equal(DocCodec.Write(lsid), insert.Lsid);
    }

    [Fact]
    public async Task Drop_rename_and_dropDatabase_are_logged_as_a_server_logs_them()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("create", "a"));
        await harness.RunOkAsync(new Doc().Add("create", "b"));
        await harness.RunOkAsync(new Doc().Add("renameCollection", "test.a").Add("to", "other.a2"), "admin");
        var rename = harness.Oplog().Last();
        Assert.Equal((OplogOperation.Rename, "test", "a", "other", "a2"), (rename.Operation, rename.Database, rename.Collection, rename.TargetDatabase, rename.TargetCollection));
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        var before = harness.Catalog.Oplog.NextSequence;
        await harness.RunOkAsync(new Doc().Add("dropDatabase", 1));
        var entries = harness.Oplog().Where(entry => entry.Sequence >= before).ToList();
        Assert.Equal([OplogOperation.Drop, OplogOperation.Drop, OplogOperation.DropDatabase], entries.Select(entry => entry.Operation));
        Assert.Equal(["b", "c", null], entries.Select(entry => entry.Collection));
        Assert.Empty(harness.Catalog.Collections("test"));
        Assert.Equal(["other"], harness.Catalog.DatabaseNames());
    }

    [Fact]
    public void A_commit_group_logs_its_entries_under_one_cluster_time_and_later_writes_move_on()
    {
        var harness = new CommandHarness();
        var catalog = harness.Catalog;
        var session = new SessionInfo([1, 2, 3], 5);
        using (catalog.EnterLock())
        {
            var store = catalog.GetOrCreate("test", "c", SessionInfo.None);
            using (catalog.ShareClusterTime())
            {
                catalog.Insert(store, new Doc().Add("_id", 1), session);
                catalog.Insert(store, new Doc().Add("_id", 2), session);
                Assert.Throws<InvalidOperationException>(() => catalog.ShareClusterTime());
            }

            catalog.Insert(store, new Doc().Add("_id", 3), SessionInfo.None);
        }

        var inserts = harness.Oplog().Where(entry => entry.Operation == OplogOperation.Insert).ToList();
        Assert.Equal(inserts[0].ClusterTime, inserts[1].ClusterTime);
        Assert.Equal(inserts[0].Sequence + 1, inserts[1].Sequence);
        Assert.True(inserts[2].ClusterTime.Increment > inserts[1].ClusterTime.Increment || inserts[2].ClusterTime.Seconds > inserts[1].ClusterTime.Seconds);
        Assert.All(inserts.Take(2), entry => Assert.Equal(5L, entry.TxnNumber));
    }

    [Fact]
    public void Reading_before_the_retention_window_reports_history_lost()
    {
        var oplog = new Oplog(capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            oplog.Append(Entry(i));
        }

        Assert.Equal(2, oplog.FirstRetainedSequence);
        var error = Assert.Throws<OplogHistoryLostException>(() => oplog.Read(1, [], 10));
        Assert.Equal((1L, 2L), (error.Requested, error.FirstRetained));
        var entries = new List<OplogEntry>();
        Assert.Equal(3, oplog.Read(2, entries, 10));
        Assert.Equal([2u, 3u, 4u], entries.Select(entry => entry.ClusterTime.Increment));
    }

    [Fact]
    public void A_cluster_time_is_located_by_binary_search_within_the_window()
    {
        var oplog = new Oplog(capacity: 4);
        for (var i = 1; i <= 6; i++)
        {
            oplog.Append(Entry(i * 10));
        }

        // Retained: sequences 2..5 with increments 30, 40, 50, 60.
        Assert.Equal(3, oplog.FirstSequenceAtOrAfter(new BsonTimestamp(1, 40)));
        Assert.Equal(4, oplog.FirstSequenceAtOrAfter(new BsonTimestamp(1, 41)));
        Assert.Equal(6, oplog.FirstSequenceAtOrAfter(new BsonTimestamp(1, 61)));
        Assert.Equal(2, oplog.FirstSequenceAtOrAfter(new BsonTimestamp(1, 30)));
        Assert.Equal(2, oplog.FirstSequenceAtOrAfter(new BsonTimestamp(1, 25)));
        Assert.Throws<OplogHistoryLostException>(() => oplog.FirstSequenceAtOrAfter(new BsonTimestamp(1, 20)));
        Assert.Throws<OplogHistoryLostException>(() => oplog.FirstSequenceAtOrAfter(new BsonTimestamp(1, 15)));
        Assert.Equal(0, new Oplog(4).FirstSequenceAtOrAfter(new BsonTimestamp(1, 1)));
    }

    [Fact]
    public async Task A_waiting_reader_wakes_on_append_and_times_out_without_one()
    {
        var oplog = new Oplog(capacity: 16);
        Assert.False(await oplog.WaitForEntryAsync(0, TimeSpan.FromMilliseconds(50), CancellationToken.None));

        // A wait far longer than this test can be descheduled for: only the append below can end it in time.
        var waiting = oplog.WaitForEntryAsync(0, TimeSpan.FromMinutes(10), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        oplog.Append(Entry(1));
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task One_reader_follows_a_fast_writer_without_losing_entries()
    {
        const int Total = 100_000;
        var oplog = new Oplog(capacity: Total);
        var reader = Task.Run(async () =>
        {
            var batch = new List<OplogEntry>(1024);
            long next = 0;
            while (next < Total)
            {
                batch.Clear();
                next += oplog.Read(next, batch, 1024);
                if (batch.Count == 0)
                {
                    await oplog.WaitForEntryAsync(next, TimeSpan.FromSeconds(5), CancellationToken.None);
                }
            }

            return next;
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < Total; i++)
        {
            oplog.Append(Entry(i));
        }

        // The deadline only bounds a hang; the rate is reported, not asserted (the machine may be busy with other work).
        Assert.Equal(Total, await reader.WaitAsync(TimeSpan.FromSeconds(120)));
        _output.WriteLine($"{Total} oplog entries appended and followed by one reader in {watch.ElapsedMilliseconds} ms ({Total / watch.Elapsed.TotalSeconds:N0}/s)");
    }

    private static OplogEntry Entry(int increment) => new()
    {
        ClusterTime = new BsonTimestamp(1, (uint)increment),
        WallTimeMilliseconds = 0,
        Operation = OplogOperation.Insert,
        Database = "d",
        Collection = "c",
    };
}
