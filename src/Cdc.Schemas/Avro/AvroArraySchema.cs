namespace Cdc.Schemas.Avro;

internal sealed class AvroArraySchema(AvroSchema items) : AvroSchema(AvroType.Array)
{
    public AvroSchema Items { get; } = items;

    public override string ToJson() => AvroSchemaJsonWriter.Write(this, canonical: false);

    public override string ToCanonicalForm() => AvroSchemaJsonWriter.Write(this, canonical: true);
}
