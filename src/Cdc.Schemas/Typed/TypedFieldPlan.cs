namespace Cdc.Schemas.Typed;

/// <summary>One document field of a record plan: its document name as UTF-8 and how its value is written.</summary>
internal sealed class TypedFieldPlan(byte[] utf8Name, TypedValuePlan value, byte[]? defaultBinary)
{
    public byte[] Utf8Name { get; } = utf8Name;

    public TypedValuePlan Value { get; } = value;

    /// <summary>
    /// The Avro binary of the field's declared default, written for an absent or null value when the field has no
    /// null branch; null when there is no default the writer can write.
    /// </summary>
    public byte[]? DefaultBinary { get; } = defaultBinary;
}
