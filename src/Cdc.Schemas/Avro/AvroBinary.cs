using System.Buffers;

namespace Cdc.Schemas.Avro;

/// <summary>Avro binary encoding of primitives, straight into an IBufferWriter. Allocates nothing. STUB.</summary>
internal static class AvroBinary
{
    public static void WriteBoolean(IBufferWriter<byte> output, bool value) => throw new NotImplementedException($"{output}{value}");

    /// <summary>Zig-zag varint.</summary>
    public static void WriteInt(IBufferWriter<byte> output, int value) => throw new NotImplementedException($"{output}{value}");

    /// <summary>Zig-zag varint.</summary>
    public static void WriteLong(IBufferWriter<byte> output, long value) => throw new NotImplementedException($"{output}{value}");

    public static void WriteFloat(IBufferWriter<byte> output, float value) => throw new NotImplementedException($"{output}{value}");

    public static void WriteDouble(IBufferWriter<byte> output, double value) => throw new NotImplementedException($"{output}{value}");

    public static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value) => throw new NotImplementedException($"{output}{value.Length}");

    /// <summary>A string already encoded as UTF-8.</summary>
    public static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8) => throw new NotImplementedException($"{output}{utf8.Length}");

    public static void WriteString(IBufferWriter<byte> output, string value) => throw new NotImplementedException($"{output}{value}");

    /// <summary>The branch index that precedes a union value.</summary>
    public static void WriteUnionIndex(IBufferWriter<byte> output, int index) => throw new NotImplementedException($"{output}{index}");

    /// <summary>A block of <paramref name="count"/> array or map items follows; <see cref="WriteBlockEnd"/> closes the array.</summary>
    public static void WriteBlockCount(IBufferWriter<byte> output, long count) => throw new NotImplementedException($"{output}{count}");

    public static void WriteBlockEnd(IBufferWriter<byte> output) => throw new NotImplementedException($"{output}");
}
