namespace Cdc.Schemas.Avro;

/// <summary>null, boolean, int, long, float, double, bytes or string, optionally with a logical type (e.g. long + timestamp-millis). STUB.</summary>
internal sealed class AvroPrimitiveSchema : AvroSchema
{
    public AvroPrimitiveSchema(AvroType type, string? logicalType = null)
        : base(type) => LogicalType = logicalType;

    public static AvroPrimitiveSchema Null { get; } = new(AvroType.Null);

    public static AvroPrimitiveSchema Boolean { get; } = new(AvroType.Boolean);

    public static AvroPrimitiveSchema Int { get; } = new(AvroType.Int);

    public static AvroPrimitiveSchema Long { get; } = new(AvroType.Long);

    public static AvroPrimitiveSchema Float { get; } = new(AvroType.Float);

    public static AvroPrimitiveSchema Double { get; } = new(AvroType.Double);

    public static AvroPrimitiveSchema Bytes { get; } = new(AvroType.Bytes);

    public static AvroPrimitiveSchema String { get; } = new(AvroType.String);

    public string? LogicalType { get; }

    public override string ToJson() => throw new NotImplementedException();

    public override string ToCanonicalForm() => throw new NotImplementedException();
}
