namespace Cdc.Schemas.Avro;

/// <summary>
/// Decodes Avro binary by a schema into plain JSON for people (records as objects, unions unwrapped to their value
/// or null, bytes/fixed as base64 strings, enums as strings). Truncated input or trailing bytes throw <see cref="AvroException"/>. STUB.
/// </summary>
internal static class AvroJsonDecoder
{
    public static string Decode(AvroSchema schema, ReadOnlySpan<byte> data) => throw new NotImplementedException($"{schema}{data.Length}");
}
