using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Schemas.Bson;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>A collection's data size (the sum of its documents' BSON sizes) is kept as a running total through every kind of write.</summary>
public sealed class CollectionSizeTests
{
    [Fact]
    public void BsonSize_is_the_length_of_the_encoding_for_every_value_type()
    {
        var items = new List<DocValue>();
        for (var i = 0; i < 12; i++)
        {
            items.Add(DocValue.FromInt32(i));
        }

        var document = new Doc()
            .Add("_id", DocValue.FromObjectId(new byte[12]))
            .Add("double", 1.5)
            .Add("string", "héllo wörld ✓")
            .Add("ünïcode name", 1)
            .Add("nested", new Doc().Add("a", DocValue.FromArray(items)).Add("empty", new Doc()))
            .Add("binary", DocValue.FromBinary(0, [1, 2, 3]))
            .Add("oldBinary", DocValue.FromBinary(BsonBinarySubtypes.OldBinary, [1, 2, 3]))
            .Add("bool", true)
            .Add("date", DocValue.FromDateTime(1_700_000_000_000))
            .Add("null", DocValue.Null)
            .Add("long", 5_000_000_000L)
            .Add("timestamp", DocValue.FromTimestamp(new BsonTimestamp(1, 2)))
            .Add("decimal", MixedIds.Decimal("1.25"))
            .Add("regex", DocValue.FromRaw(BsonType.RegularExpression, [(byte)'a', 0, (byte)'i', 0]))
            .Add("minKey", DocValue.MinKey)
            .Add("maxKey", DocValue.MaxKey)
            .Add("raw", DocValue.FromRawDocument(DocCodec.Write(new Doc().Add("x", 1))));

        Assert.Equal(DocCodec.Write(document).Length, BsonSize.Of(document));
        Assert.Equal(5, BsonSize.Of(new Doc()));
    }

    [Fact]
    public async Task The_running_size_and_count_follow_inserts_updates_deletes_and_an_aborted_transaction()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(
            D(new Doc().Add("_id", 1).Add("s", "a")), D(new Doc().Add("_id", 2).Add("s", "bb")), D(new Doc().Add("_id", 3)))));
        await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc()
            .Add("q", new Doc().Add("_id", 1)).Add("u", new Doc().Add("$set", new Doc().Add("s", "a much longer value")))))));
        await harness.RunOkAsync(new Doc().Add("update", "c").Add("updates", Array(D(new Doc()
            .Add("q", new Doc().Add("_id", 3)).Add("u", new Doc().Add("replaced", true))))));
        await harness.RunOkAsync(new Doc().Add("delete", "c").Add("deletes", Array(D(new Doc().Add("q", new Doc().Add("_id", 2)).Add("limit", 1)))));
        AssertTotalsMatchDocuments(harness.Catalog.Find("test", "c")!);

        var lsid = new Doc().Add("id", DocValue.FromBinary(4, new byte[16]));
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 9).Add("s", "in a transaction"))))
            .Add("lsid", lsid).Add("txnNumber", 1L).Add("startTransaction", true).Add("autocommit", false));
        await harness.RunOkAsync(new Doc().Add("abortTransaction", 1).Add("lsid", lsid).Add("txnNumber", 1L).Add("autocommit", false), "admin");
        var store = harness.Catalog.Find("test", "c")!;
        Assert.Equal(2, store.Count);
        AssertTotalsMatchDocuments(store);
    }

    [Fact]
    public async Task ListDatabases_sizes_are_the_documents_BSON_bytes()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1).Add("s", "abc")))));
        await harness.RunOkAsync(new Doc().Add("insert", "d").Add("documents", Array(D(new Doc().Add("_id", 2)))));
        var reply = await harness.RunOkAsync(new Doc().Add("listDatabases", 1), "admin");
        var test = reply["databases"]!.Array.Single(entry => entry.Document["name"]!.String == "test").Document;
        var expected = DocCodec.Write(new Doc().Add("_id", 1).Add("s", "abc")).Length + DocCodec.Write(new Doc().Add("_id", 2)).Length;
        Assert.Equal(expected, test["sizeOnDisk"]!.Int64);
    }

    private static void AssertTotalsMatchDocuments(CollectionStore store)
    {
        Assert.Equal(store.Documents.Sum(document => (long)DocCodec.Write(document).Length), store.TotalBytes);
        Assert.Equal(store.Documents.Count(), store.Count);
    }
}
