using System.Buffers;
using Cdc.Schemas.Bson;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>
/// Writes BSON as MongoDB Extended JSON v2, compact UTF-8 (no whitespace), straight from the BSON bytes.
/// Malformed BSON throws <see cref="BsonFormatException"/>. STUB: signatures are the contract.
/// </summary>
internal static class ExtendedJsonWriter
{
    /// <summary>Writes a whole document (length prefix included) as a JSON object.</summary>
    public static void WriteDocument(ReadOnlySpan<byte> document, IBufferWriter<byte> output, ExtendedJsonMode mode) =>
        throw new NotImplementedException($"{document.Length}{output}{mode}");

    /// <summary>Writes one element's value (any BSON type) as a JSON value.</summary>
    public static void WriteValue(BsonElement element, IBufferWriter<byte> output, ExtendedJsonMode mode) =>
        throw new NotImplementedException($"{element.Type}{output}{mode}");

    /// <summary>Convenience for tests and tools, not for the per-event path.</summary>
    public static string ToJson(ReadOnlySpan<byte> document, ExtendedJsonMode mode) =>
        throw new NotImplementedException($"{document.Length}{mode}");
}
