namespace Cdc.Schemas.Typed;

/// <summary>
/// What a union branch (or a non-union field type) of a typed value schema holds: one row of the type table
/// (docs/typed-values.md), <see cref="Null"/>, or <see cref="DecimalBytes"/>, which only declared schemas use.
/// </summary>
internal enum TypedBranchKind
{
    Null,
    Boolean,
    Int,
    Long,
    Double,
    String,
    Bytes,
    DateMillis,
    ObjectId,
    Decimal128,
    Uuid,
    ExtendedJson,
    Timestamp,
    RegularExpression,
    Document,
    Array,
    DecimalBytes,
}
