namespace Cdc.Schemas.Avro;

/// <summary>STUB.</summary>
internal sealed class AvroArraySchema(AvroSchema items) : AvroSchema(AvroType.Array)
{
    public AvroSchema Items { get; } = items;

    public override string ToJson() => throw new NotImplementedException();

    public override string ToCanonicalForm() => throw new NotImplementedException();
}
