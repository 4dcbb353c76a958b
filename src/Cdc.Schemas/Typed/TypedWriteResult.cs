using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed;

/// <summary>
/// The outcome of <see cref="TypedValueWriter"/>: written, or why not, naming the document's field path and the BSON
/// type. After a misfit the output holds a partial record that must be discarded (write into a buffer you can reset).
/// Carries only strings the plan made at compile time, except for a field the schema does not know at all, so a
/// misfit costs no more than a write.
/// </summary>
internal readonly struct TypedWriteResult
{
    private readonly string? _path;

    public TypedWriteResult(TypedMisfit misfit, string path, BsonType bsonType)
    {
        Misfit = misfit;
        _path = path;
        BsonType = bsonType;
    }

    public static TypedWriteResult Written => default;

    public bool Fits => Misfit == TypedMisfit.None;

    public TypedMisfit Misfit { get; }

    /// <summary>The document's field path: dotted names, <c>[]</c> for array items. Empty when the value was written.</summary>
    public string Path => _path ?? string.Empty;

    /// <summary>The BSON type of the value that does not fit; <see cref="BsonType.Null"/> for a null or absent value.</summary>
    public BsonType BsonType { get; }

    /// <summary>A sentence for logs and dead-letter headers: the field, the problem and what to do.</summary>
    public string Message => Misfit switch
    {
        TypedMisfit.None => "The document was written.",
        TypedMisfit.NoBranchForType => $"The field '{Path}' holds a BSON {BsonType}, and its schema has no branch for that type: an inferred schema widens; for a declared schema, fix the document or add the type to the .avsc.",
        TypedMisfit.NullNotAccepted => $"The field '{Path}' is null, and its declared type is neither nullable nor has a default: make it [\"null\", …] in the .avsc or give it a default.",
        TypedMisfit.MissingWithoutDefault => $"The field '{Path}' is absent, and its declared type is neither nullable nor has a default: make it [\"null\", …] in the .avsc or give it a default.",
        TypedMisfit.FieldNotInSchema => $"The field '{Path}' ({BsonType}) is not in the schema: an inferred schema widens; for a declared schema, add the field to the .avsc.",
        TypedMisfit.DuplicateField => $"The document has the field '{Path}' twice; an Avro record holds one value per field. Remove the duplicate key at the source.",
        TypedMisfit.DecimalNotExact => $"The decimal128 of field '{Path}' does not fit its declared decimal exactly (NaN, infinity, more digits than the precision or more fraction digits than the scale); widen the decimal in the .avsc or declare the field as text.",
        _ => $"The field '{Path}' nests deeper than {BsonLimits.MaxNestingDepth} levels, BSON's own limit.",
    };
}
