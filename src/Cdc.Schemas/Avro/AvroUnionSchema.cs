namespace Cdc.Schemas.Avro;

/// <summary>STUB.</summary>
internal sealed class AvroUnionSchema(IReadOnlyList<AvroSchema> branches) : AvroSchema(AvroType.Union)
{
    public IReadOnlyList<AvroSchema> Branches { get; } = branches;

    public override string ToJson() => throw new NotImplementedException();

    public override string ToCanonicalForm() => throw new NotImplementedException();
}
