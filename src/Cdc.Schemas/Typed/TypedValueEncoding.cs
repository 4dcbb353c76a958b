namespace Cdc.Schemas.Typed;

/// <summary>How the writer turns one BSON value into the Avro binary of the branch that takes it.</summary>
internal enum TypedValueEncoding
{
    Boolean,
    Int,
    Long,

    /// <summary>An int32 into a declared <c>long</c>: exact, so allowed where the user chose the wider type.</summary>
    Int32AsLong,
    Double,
    String,
    Bytes,
    DateMillis,

    /// <summary>24 lowercase hex digits.</summary>
    ObjectIdHex,

    /// <summary>The canonical <c>$numberDecimal</c> text.</summary>
    Decimal128Text,

    /// <summary>Lowercase 8-4-4-4-12.</summary>
    UuidText,

    /// <summary>The value's canonical Extended JSON, as the value of a one-field document renders it.</summary>
    ExtendedJson,
    Timestamp,
    RegularExpression,
    Document,
    Array,

    /// <summary>A decimal128 into a declared <c>decimal(p,s)</c>: big-endian two's complement of the unscaled value, exact or not at all.</summary>
    DecimalBytes,
}
