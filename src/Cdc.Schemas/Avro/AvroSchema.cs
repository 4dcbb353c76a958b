namespace Cdc.Schemas.Avro;

/// <summary>
/// An Avro schema. <see cref="ToJson"/> gives the full JSON (with docs, defaults, logical types) as registered;
/// <see cref="ToCanonicalForm"/> gives the specification's Parsing Canonical Form. STUB: signatures are the contract.
/// </summary>
internal abstract class AvroSchema
{
    protected AvroSchema(AvroType type) => Type = type;

    public AvroType Type { get; }

    public abstract string ToJson();

    public abstract string ToCanonicalForm();

    /// <summary>Parses schema JSON; invalid schemas and names throw <see cref="AvroException"/>.</summary>
    public static AvroSchema Parse(string json) => throw new NotImplementedException(json);
}
