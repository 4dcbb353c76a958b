using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed;

/// <summary>Classifies BSON elements; see <see cref="BsonValueClass"/>.</summary>
internal static class BsonValueClasses
{
    public const int Count = (int)BsonValueClass.Other + 1;

    /// <summary>The UUID subtype is a string only when it holds exactly 16 bytes; any other length keeps its bytes as Extended JSON.</summary>
    private const int UuidLength = 16;

    public static BsonValueClass Of(scoped in BsonElement element) => element.Type switch
    {
        BsonType.Null => BsonValueClass.Null,
        BsonType.Double => BsonValueClass.Double,
        BsonType.String => BsonValueClass.String,
        BsonType.Document => BsonValueClass.Document,
        BsonType.Array => BsonValueClass.Array,
        BsonType.Binary => OfBinary(in element),
        BsonType.ObjectId => BsonValueClass.ObjectId,
        BsonType.Boolean => BsonValueClass.Boolean,
        BsonType.DateTime => BsonValueClass.DateTime,
        BsonType.RegularExpression => BsonValueClass.RegularExpression,
        BsonType.Int32 => BsonValueClass.Int32,
        BsonType.Timestamp => BsonValueClass.Timestamp,
        BsonType.Int64 => BsonValueClass.Int64,
        BsonType.Decimal128 => BsonValueClass.Decimal128,
        _ => BsonValueClass.Other,
    };

    private static BsonValueClass OfBinary(scoped in BsonElement element)
    {
        var data = element.GetBinary(out var subtype);
        return subtype switch
        {
            BsonBinarySubtypes.Generic => BsonValueClass.BinaryGeneric,
            BsonBinarySubtypes.Uuid when data.Length == UuidLength => BsonValueClass.BinaryUuid,
            _ => BsonValueClass.BinaryOther,
        };
    }
}
