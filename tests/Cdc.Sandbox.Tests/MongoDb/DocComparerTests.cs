using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class DocComparerTests
{
    [Fact]
    public void Values_of_different_types_sort_in_MongoDB_order()
    {
        DocValue[] ascending =
        [
            DocValue.MinKey,
            DocValue.Null,
            DocValue.FromInt32(-5),
            DocValue.FromDouble(2.5),
            DocValue.FromInt64(3),
            DocValue.FromString("a"),
            DocValue.FromString("b"),
            DocValue.FromDocument(new Doc()),
            DocValue.FromArray([]),
            DocValue.FromBinary(0, [1]),
            DocValue.FromObjectId(new byte[12]),
            DocValue.False,
            DocValue.True,
            DocValue.FromDateTime(0),
            DocValue.FromTimestamp(new BsonTimestamp(1, 1)),
            DocValue.FromRaw(BsonType.RegularExpression, "x\0\0"u8.ToArray()),
            DocValue.MaxKey,
        ];
        var shuffled = ascending.Reverse().ToList();
        shuffled.Sort(DocComparer.Instance);
        Assert.Equal(ascending, shuffled);
    }

    [Fact]
    public void Numbers_compare_by_value_across_types()
    {
        Assert.Equal(0, DocComparer.Instance.Compare(DocValue.FromInt32(1), DocValue.FromDouble(1.0)));
        Assert.Equal(0, DocComparer.Instance.Compare(DocValue.FromInt64(1), DocValue.FromInt32(1)));
        Assert.True(DocComparer.Instance.Compare(DocValue.FromInt64(long.MaxValue), DocValue.FromInt64(long.MaxValue - 1)) > 0);
        Assert.True(DocComparer.Instance.Compare(DocValue.FromDouble(double.NaN), DocValue.FromInt32(int.MinValue)) < 0);
    }

    [Fact]
    public void Documents_compare_field_by_field_then_by_length()
    {
        var shorter = DocValue.FromDocument(new Doc().Add("a", 1));
        var longer = DocValue.FromDocument(new Doc().Add("a", 1).Add("b", 1));
        var otherName = DocValue.FromDocument(new Doc().Add("b", 0));
        Assert.True(DocComparer.Instance.Compare(shorter, longer) < 0);
        Assert.True(DocComparer.Instance.Compare(shorter, otherName) < 0);
    }

    [Fact]
    public void Documents_round_trip_through_bson_unchanged()
    {
        var document = new Doc()
            .Add("_id", DocValue.FromObjectId(Enumerable.Range(1, 12).Select(i => (byte)i).ToArray()))
            .Add("n", DocValue.FromArray([DocValue.FromInt32(1), DocValue.FromInt64(2), DocValue.FromDouble(3.5)]))
            .Add("s", new Doc().Add("t", DocValue.FromTimestamp(new BsonTimestamp(5, 6))).Add("d", DocValue.FromDateTime(42)))
            .Add("b", DocValue.FromBinary(BsonBinarySubtypes.Uuid, new byte[16]))
            .Add("r", DocValue.FromRaw(BsonType.RegularExpression, "^a\0i\0"u8.ToArray()));
        var bytes = DocCodec.Write(document);
        Assert.Equal(bytes, DocCodec.Write(DocCodec.Read(bytes)));
        Assert.Equal(0, DocComparer.Instance.Compare(DocValue.FromDocument(document), DocValue.FromDocument(DocCodec.Read(bytes))));
    }
}
