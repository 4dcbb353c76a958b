using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>A find's result is the collection at the read, handed out batch by batch without encoding it all up front.</summary>
[Collection(nameof(SerialHeapMeasurements))]
public sealed class FindCursorSnapshotTests
{
    [Fact]
    public async Task A_find_cursor_returns_the_collection_as_it_was_when_the_find_ran()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(
            [.. Enumerable.Range(0, 10).Select(i => D(new Doc().Add("_id", i).Add("v", 0)))])));
        var reply = await harness.RunOkAsync(new Doc().Add("find", "c").Add("sort", new Doc().Add("_id", 1)).Add("batchSize", 2));
        var cursor = reply["cursor"]!.Document;
        Assert.Equal(2, cursor["firstBatch"]!.Array.Count);

        await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc()
            .Add("q", new Doc().Add("_id", 5)).Add("u", new Doc().Add("$set", new Doc().Add("v", 1)))))));
        await harness.RunOkAsync(new Doc().Add("delete", "c").Add("deletes", Array(D(new Doc().Add("q", new Doc().Add("_id", 8)).Add("limit", 1)))));
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 10).Add("v", 0)))));

        var more = await harness.RunOkAsync(new Doc().Add("getMore", cursor["id"]!.Int64).Add("collection", "c"));
        var rest = more["cursor"]!.Document["nextBatch"]!.Array.ConvertAll(item => DocCodec.Read(item.Bytes));
        Assert.Equal(Enumerable.Range(2, 8), rest.Select(document => document["_id"]!.Int32));
        Assert.All(rest, document => Assert.Equal(0, document["v"]!.Int32));
        Assert.Equal(0L, more["cursor"]!.Document["id"]!.Int64);

        // A new read sees the writes.
        var now = await harness.ReadAllAsync(new Doc().Add("find", "c").Add("filter", new Doc().Add("_id", new Doc().Add("$gte", 5))));
        Assert.Equal(["5:1", "6:0", "7:0", "9:0", "10:0"], now.Select(document => $"{document["_id"]!.Int32}:{document["v"]!.Int32}"));
    }

    [Fact]
    public async Task A_large_find_holds_one_batch_of_encoded_documents_not_the_whole_result()
    {
        const int Documents = 10_000;
        const int PayloadBytes = 4_000;

        // One shared payload string keeps the stored documents small in memory while each encodes to over 4 KB, so
        // encoding the whole result at the read (what find did before) would hold more than 40 MB.
        var payload = new string('x', PayloadBytes);
        var harness = new CommandHarness(oplogCapacity: 16);
        using (harness.Catalog.EnterLock())
        {
            var store = harness.Catalog.GetOrCreate("test", "big", SessionInfo.None);
            for (var i = 0; i < Documents; i++)
            {
                harness.Catalog.Insert(store, new Doc().Add("_id", i).Add("payload", payload), SessionInfo.None);
            }
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var reply = await harness.RunOkAsync(new Doc().Add("find", "big").Add("batchSize", 1));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var cursorId = reply["cursor"]!.Document["id"]!.Int64;
        Assert.NotEqual(0L, cursorId);
        Assert.True(after - before < 8 * 1024 * 1024, $"the open find cursor holds {(after - before) / 1024} KiB; one batch of one document is about 4 KiB");

        // The rest comes in getMore batches, each under the 16 MiB reply limit, every document once.
        long seen = 1;
        while (cursorId != 0)
        {
            var more = await harness.RunOkAsync(new Doc().Add("getMore", cursorId).Add("collection", "big"));
            var batch = more["cursor"]!.Document["nextBatch"]!.Array;
            Assert.True(batch.Sum(item => (long)item.Bytes.Length) < 16 * 1024 * 1024);
            seen += batch.Count;
            cursorId = more["cursor"]!.Document["id"]!.Int64;
        }

        Assert.Equal(Documents, seen);
        GC.KeepAlive(harness);
    }
}
