namespace Cdc.Schemas.Avro;

/// <summary>A named fixed-size byte sequence, optionally with a logical type (decimal, duration).</summary>
internal sealed class AvroFixedSchema : AvroNamedSchema
{
    public AvroFixedSchema(string name, string? @namespace, int size, string? doc = null, string? logicalType = null)
        : base(AvroType.Fixed, name, @namespace, doc)
    {
        if (size < 0)
        {
            throw new AvroException($"The size of fixed '{FullName}' is negative ({size}).");
        }

        Size = size;
        LogicalType = logicalType;
    }

    public int Size { get; }

    public string? LogicalType { get; }

    public override string ToJson() => AvroSchemaJsonWriter.Write(this, canonical: false);

    public override string ToCanonicalForm() => AvroSchemaJsonWriter.Write(this, canonical: true);
}
