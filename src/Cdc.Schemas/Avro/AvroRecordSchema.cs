namespace Cdc.Schemas.Avro;

/// <summary>
/// A named record. The constructor validates the names and the uniqueness of the field names it is given (throws
/// <see cref="AvroException"/>). The parser hands in a list it fills after construction, because a record's fields
/// may refer to the record itself.
/// </summary>
internal sealed class AvroRecordSchema : AvroNamedSchema
{
    public AvroRecordSchema(string name, string? @namespace, IReadOnlyList<AvroField> fields, string? doc = null)
        : base(AvroType.Record, name, @namespace, doc)
    {
        Fields = fields;
        ValidateFieldNames(FullName, fields);
    }

    public IReadOnlyList<AvroField> Fields { get; }

    public override string ToJson() => AvroSchemaJsonWriter.Write(this, canonical: false);

    public override string ToCanonicalForm() => AvroSchemaJsonWriter.Write(this, canonical: true);

    internal static void ValidateFieldNames(string recordFullName, IReadOnlyList<AvroField> fields)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!AvroNames.IsValidName(field.Name))
            {
                throw new AvroException($"Invalid field name '{field.Name}' in record '{recordFullName}': a name must match [A-Za-z_][A-Za-z0-9_]*.");
            }

            if (!seen.Add(field.Name))
            {
                throw new AvroException($"Duplicate field name '{field.Name}' in record '{recordFullName}'.");
            }
        }
    }
}
