namespace Cdc.Schemas.Avro;

/// <summary>
/// A union. The constructor enforces the specification's rules: no union directly inside a union, and at most one
/// branch of each unnamed type (one int, one array, one map…; a logical type does not make a second long distinct)
/// and of each named type's full name.
/// </summary>
internal sealed class AvroUnionSchema : AvroSchema
{
    public AvroUnionSchema(IReadOnlyList<AvroSchema> branches)
        : base(AvroType.Union)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < branches.Count; i++)
        {
            var branch = branches[i];
            if (branch is AvroUnionSchema)
            {
                throw new AvroException($"Union branch {i} is itself a union; the specification forbids unions directly inside unions.");
            }

            var key = branch is AvroNamedSchema named ? named.FullName : AvroNamedSchema.KindName(branch.Type);
            if (!seen.Add(key))
            {
                throw new AvroException($"Union branch {i} repeats the type '{key}'; a union may hold each unnamed type and each name only once.");
            }
        }

        Branches = branches;
    }

    public IReadOnlyList<AvroSchema> Branches { get; }

    public override string ToJson() => AvroSchemaJsonWriter.Write(this, canonical: false);

    public override string ToCanonicalForm() => AvroSchemaJsonWriter.Write(this, canonical: true);
}
