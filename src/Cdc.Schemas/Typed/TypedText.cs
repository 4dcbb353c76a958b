using System.Buffers;
using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed;

/// <summary>
/// The type table's fixed-form texts, written as Avro strings straight into the output: ObjectId as 24 lowercase hex
/// digits, UUID as lowercase 8-4-4-4-12, decimal128 as its canonical <c>$numberDecimal</c> text. Allocates nothing.
/// </summary>
internal static class TypedText
{
    private const int ObjectIdTextLength = 24;
    private const int UuidTextLength = 36;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    public static void WriteObjectId(IBufferWriter<byte> output, ReadOnlySpan<byte> objectId)
    {
        var span = output.GetSpan(1 + ObjectIdTextLength);
        span[0] = LengthPrefix(ObjectIdTextLength);
        WriteHex(objectId, span[1..]);
        output.Advance(1 + ObjectIdTextLength);
    }

    /// <summary><paramref name="uuid"/> is exactly 16 bytes (binary subtype 4), in the order the text shows them.</summary>
    public static void WriteUuid(IBufferWriter<byte> output, ReadOnlySpan<byte> uuid)
    {
        var span = output.GetSpan(1 + UuidTextLength);
        span[0] = LengthPrefix(UuidTextLength);
        var text = span[1..];
        WriteHex(uuid[..4], text);
        text[8] = (byte)'-';
        WriteHex(uuid[4..6], text[9..]);
        text[13] = (byte)'-';
        WriteHex(uuid[6..8], text[14..]);
        text[18] = (byte)'-';
        WriteHex(uuid[8..10], text[19..]);
        text[23] = (byte)'-';
        WriteHex(uuid[10..16], text[24..]);
        output.Advance(1 + UuidTextLength);
    }

    public static void WriteDecimal128(IBufferWriter<byte> output, Decimal128 value)
    {
        // The text is at most 48 bytes, so its zig-zag length prefix (at most 96) is one byte.
        var span = output.GetSpan(1 + Decimal128.MaxFormattedLength);
        value.TryFormat(span[1..], out var written);
        span[0] = LengthPrefix(written);
        output.Advance(1 + written);
    }

    /// <summary>The one-byte zig-zag varint of a length below 64.</summary>
    private static byte LengthPrefix(int length) => (byte)(length << 1);

    private static void WriteHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        var digits = HexDigits;
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }
    }
}
