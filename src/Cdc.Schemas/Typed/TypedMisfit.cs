namespace Cdc.Schemas.Typed;

/// <summary>Why a document does not fit a writer schema; <see cref="None"/> when it was written.</summary>
internal enum TypedMisfit
{
    None,

    /// <summary>The place has no branch for the value's BSON type: widen (inferred) or fail the event (declared).</summary>
    NoBranchForType,

    /// <summary>A BSON null where the declared type has neither a null branch nor a default the writer can write.</summary>
    NullNotAccepted,

    /// <summary>An absent field whose declared type has neither a null branch nor a default the writer can write.</summary>
    MissingWithoutDefault,

    /// <summary>The document has a field the record does not: widen (inferred) or fail the event (declared).</summary>
    FieldNotInSchema,

    /// <summary>The document has one key twice; no schema can hold both values.</summary>
    DuplicateField,

    /// <summary>A decimal128 that a declared decimal(p,s) cannot hold exactly (NaN, infinity, too many digits, a finer scale).</summary>
    DecimalNotExact,

    /// <summary>Deeper than BSON's own nesting limit.</summary>
    TooDeep,
}
