namespace Cdc.Schemas.Typed;

/// <summary>
/// What a BSON value is for the type table: the BSON type, except that binary splits by subtype (0 → bytes, 4 with 16
/// bytes → uuid, any other → Extended JSON) and the types the table maps to Extended JSON text share one class.
/// </summary>
internal enum BsonValueClass
{
    Null,
    Double,
    String,
    Document,
    Array,
    BinaryGeneric,
    BinaryUuid,
    BinaryOther,
    ObjectId,
    Boolean,
    DateTime,
    RegularExpression,
    Int32,
    Timestamp,
    Int64,
    Decimal128,

    /// <summary>minKey, maxKey, undefined, JavaScript (with or without scope), symbol, DBPointer.</summary>
    Other,
}
