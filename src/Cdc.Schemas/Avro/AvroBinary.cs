using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Cdc.Schemas.Avro;

/// <summary>
/// Avro binary encoding of primitives (specification, "Binary Encoding"), straight into an
/// <see cref="IBufferWriter{T}"/>. Allocates nothing: every method asks the writer for a span of the worst-case size
/// and advances by what it wrote.
/// </summary>
internal static class AvroBinary
{
    /// <summary>A zig-zag varint of a 64-bit value takes at most 10 bytes (7 bits per byte).</summary>
    public const int MaxVarLongLength = 10;

    /// <summary>Strict: a string with a lone surrogate cannot be written as UTF-8 and must not be silently altered.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void WriteBoolean(IBufferWriter<byte> output, bool value)
    {
        var span = output.GetSpan(1);
        span[0] = value ? (byte)1 : (byte)0;
        output.Advance(1);
    }

    /// <summary>Zig-zag varint.</summary>
    public static void WriteInt(IBufferWriter<byte> output, int value) => WriteLong(output, value);

    /// <summary>Zig-zag varint.</summary>
    public static void WriteLong(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(MaxVarLongLength);
        output.Advance(WriteVarLong(span, value));
    }

    public static void WriteFloat(IBufferWriter<byte> output, float value)
    {
        var span = output.GetSpan(sizeof(float));
        BinaryPrimitives.WriteSingleLittleEndian(span, value);
        output.Advance(sizeof(float));
    }

    public static void WriteDouble(IBufferWriter<byte> output, double value)
    {
        var span = output.GetSpan(sizeof(double));
        BinaryPrimitives.WriteDoubleLittleEndian(span, value);
        output.Advance(sizeof(double));
    }

    public static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        var span = output.GetSpan(MaxVarLongLength + value.Length);
        var at = WriteVarLong(span, value.Length);
        value.CopyTo(span[at..]);
        output.Advance(at + value.Length);
    }

    /// <summary>A string already encoded as UTF-8.</summary>
    public static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8) => WriteBytes(output, utf8);

    /// <summary>Transcodes to UTF-8 straight into the output; a string with a lone surrogate throws <see cref="AvroException"/>.</summary>
    public static void WriteString(IBufferWriter<byte> output, string value)
    {
        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new AvroException($"Cannot encode a string of length {value.Length} as UTF-8: {e.Message}", e);
        }

        var span = output.GetSpan(MaxVarLongLength + byteCount);
        var at = WriteVarLong(span, byteCount);
        at += StrictUtf8.GetBytes(value, span[at..]);
        output.Advance(at);
    }

    /// <summary>The branch index that precedes a union value.</summary>
    public static void WriteUnionIndex(IBufferWriter<byte> output, int index) => WriteLong(output, index);

    /// <summary>A block of <paramref name="count"/> array or map items follows; <see cref="WriteBlockEnd"/> closes the array.</summary>
    public static void WriteBlockCount(IBufferWriter<byte> output, long count) => WriteLong(output, count);

    public static void WriteBlockEnd(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(1);
        span[0] = 0;
        output.Advance(1);
    }

    /// <summary>Writes the zig-zag varint of <paramref name="value"/>; returns the bytes written (1..10).</summary>
    public static int WriteVarLong(Span<byte> destination, long value)
    {
        // Zig-zag: the sign moves to bit 0 so small negative numbers stay short. The shift is on the unsigned value,
        // so long.MinValue maps to ulong.MaxValue without overflow.
        var zigZag = ((ulong)value << 1) ^ (ulong)(value >> 63);
        var at = 0;
        while (zigZag >= 0x80)
        {
            destination[at++] = (byte)(zigZag | 0x80);
            zigZag >>= 7;
        }

        destination[at++] = (byte)zigZag;
        return at;
    }
}
