namespace Cdc.Schemas.Avro;

/// <summary>A named record. The constructor validates names (throws <see cref="AvroException"/>). STUB.</summary>
internal sealed class AvroRecordSchema : AvroSchema
{
    public AvroRecordSchema(string name, string? @namespace, IReadOnlyList<AvroField> fields, string? doc = null)
        : base(AvroType.Record)
    {
        Name = name;
        Namespace = @namespace;
        Fields = fields;
        Doc = doc;
    }

    public string Name { get; }

    public string? Namespace { get; }

    public string FullName => Namespace is null ? Name : Namespace + "." + Name;

    public IReadOnlyList<AvroField> Fields { get; }

    public string? Doc { get; }

    public override string ToJson() => throw new NotImplementedException();

    public override string ToCanonicalForm() => throw new NotImplementedException();
}
