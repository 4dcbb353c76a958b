namespace Cdc.Schemas.Avro;

/// <summary>null, boolean, int, long, float, double, bytes or string, optionally with a logical type (e.g. long + timestamp-millis).</summary>
internal sealed class AvroPrimitiveSchema : AvroSchema
{
    public AvroPrimitiveSchema(AvroType type, string? logicalType = null)
        : base(type)
    {
        if (type > AvroType.String)
        {
            throw new AvroException($"'{type}' is not a primitive Avro type.");
        }

        LogicalType = logicalType;
    }

    public static AvroPrimitiveSchema Null { get; } = new(AvroType.Null);

    public static AvroPrimitiveSchema Boolean { get; } = new(AvroType.Boolean);

    public static AvroPrimitiveSchema Int { get; } = new(AvroType.Int);

    public static AvroPrimitiveSchema Long { get; } = new(AvroType.Long);

    public static AvroPrimitiveSchema Float { get; } = new(AvroType.Float);

    public static AvroPrimitiveSchema Double { get; } = new(AvroType.Double);

    public static AvroPrimitiveSchema Bytes { get; } = new(AvroType.Bytes);

    public static AvroPrimitiveSchema String { get; } = new(AvroType.String);

    public string? LogicalType { get; }

    /// <summary>The specification's name of the type: "null", "boolean", … "string".</summary>
    public string TypeName => AvroNamedSchema.KindName(Type);

    public override string ToJson() => AvroSchemaJsonWriter.Write(this, canonical: false);

    public override string ToCanonicalForm() => AvroSchemaJsonWriter.Write(this, canonical: true);
}
