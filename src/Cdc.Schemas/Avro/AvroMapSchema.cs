namespace Cdc.Schemas.Avro;

/// <summary>A map from strings to <see cref="Values"/>.</summary>
internal sealed class AvroMapSchema(AvroSchema values) : AvroSchema(AvroType.Map)
{
    public AvroSchema Values { get; } = values;

    public override string ToJson() => AvroSchemaJsonWriter.Write(this, canonical: false);

    public override string ToCanonicalForm() => AvroSchemaJsonWriter.Write(this, canonical: true);
}
