using System.Buffers.Binary;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>
/// <c>_id</c>s of every type bracket a collection can hold, several per bracket and numbers of every numeric type
/// (NaN and the infinities included), and operands that fall between and around them, for checking range reads
/// against a full scan.
/// </summary>
internal static class MixedIds
{
    public static List<DocValue> Ids() =>
    [
        DocValue.MinKey,
        DocValue.Null,
        DocValue.FromDouble(double.NaN),
        DocValue.FromDouble(double.NegativeInfinity),
        DocValue.FromInt32(-5),
        DocValue.FromDouble(-0.5),
        DocValue.FromInt32(0),
        DocValue.FromDouble(2.5),
        DocValue.FromInt32(3),
        DocValue.FromInt64(4),
        Decimal("4.5"),
        DocValue.FromInt32(7),
        DocValue.FromDouble(7.5),
        DocValue.FromInt64(8),
        DocValue.FromInt32(10),
        DocValue.FromInt64(5_000_000_000),
        DocValue.FromDouble(double.PositiveInfinity),
        DocValue.FromString(string.Empty),
        DocValue.FromString("a"),
        DocValue.FromString("ab"),
        DocValue.FromString("b"),
        DocValue.FromString("z"),
        DocValue.FromDocument(new Doc().Add("a", 1)),
        DocValue.FromDocument(new Doc().Add("a", 2)),
        DocValue.FromDocument(new Doc().Add("b", 0)),
        DocValue.FromBinary(0, [1]),
        DocValue.FromBinary(0, [1, 2]),
        ObjectId(1),
        ObjectId(2),
        ObjectId(3),
        DocValue.False,
        DocValue.True,
        DocValue.FromDateTime(0),
        DocValue.FromDateTime(1_000),
        DocValue.FromTimestamp(new BsonTimestamp(1, 1)),
        DocValue.FromTimestamp(new BsonTimestamp(2, 0)),
        DocValue.MaxKey,
    ];

    public static List<DocValue> Operands() =>
    [
        .. Ids(),
        DocValue.FromInt32(5),
        DocValue.FromDouble(5.0),
        DocValue.FromInt64(7),
        DocValue.FromDouble(-100),
        Decimal("NaN"),
        DocValue.FromString("aa"),
        DocValue.FromDocument(new Doc().Add("a", 1.5)),
        ObjectId(0),
        ObjectId(9),
        DocValue.FromDateTime(500),
        DocValue.FromTimestamp(new BsonTimestamp(1, 5)),
    ];

    public static DocValue ObjectId(byte last)
    {
        var bytes = new byte[12];
        bytes[0] = 0x65;
        bytes[11] = last;
        return DocValue.FromObjectId(bytes);
    }

    public static DocValue Decimal(string text)
    {
        var value = Decimal128.Parse(text);
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value.Low);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), value.High);
        return DocValue.FromRaw(BsonType.Decimal128, bytes);
    }

    /// <summary>A readable, type-exact rendering of an <c>_id</c> for assertion messages (1 and 1L differ).</summary>
    public static string Show(DocValue id) => id.Type == BsonType.Decimal128
        ? $"Decimal128:{new Decimal128(BinaryPrimitives.ReadUInt64LittleEndian(id.Bytes), BinaryPrimitives.ReadUInt64LittleEndian(id.Bytes.AsSpan(8)))}"
        : $"{id.Type}:{id}";
}
