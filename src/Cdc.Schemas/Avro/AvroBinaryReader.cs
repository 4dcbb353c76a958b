using System.Buffers.Binary;

namespace Cdc.Schemas.Avro;

/// <summary>
/// Reads Avro binary primitives from a span, checking every length against what remains so that truncated or hostile
/// input is an <see cref="AvroException"/> naming the offset, never an out-of-range read.
/// </summary>
internal ref struct AvroBinaryReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public long ReadLong()
    {
        var start = Position;
        ulong zigZag = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (Position >= _data.Length)
            {
                throw new AvroException($"Truncated data: a varint starting at offset {start} runs past the end ({_data.Length} bytes).");
            }

            var b = _data[Position++];
            if (shift == 63 && b > 1)
            {
                throw new AvroException($"Invalid varint at offset {start}: more than 64 bits.");
            }

            zigZag |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)(zigZag >> 1) ^ -(long)(zigZag & 1);
            }
        }

        throw new AvroException($"Invalid varint at offset {start}: longer than 10 bytes.");
    }

    public int ReadInt()
    {
        var start = Position;
        var value = ReadLong();
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new AvroException($"Invalid int at offset {start}: {value} is outside the 32-bit range.");
    }

    public bool ReadBoolean()
    {
        var start = Position;
        return ReadSpan(1, "boolean")[0] switch
        {
            0 => false,
            1 => true,
            var other => throw new AvroException($"Invalid boolean at offset {start}: byte {other}, expected 0 or 1."),
        };
    }

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(ReadSpan(sizeof(float), "float"));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadSpan(sizeof(double), "double"));

    /// <summary>A length-prefixed byte sequence (bytes or string).</summary>
    public ReadOnlySpan<byte> ReadLengthPrefixed(string what)
    {
        var start = Position;
        var length = ReadLong();
        if (length < 0)
        {
            throw new AvroException($"Invalid {what} at offset {start}: negative length {length}.");
        }

        if (length > Remaining)
        {
            throw new AvroException($"Truncated data: the {what} at offset {start} has length {length} but only {Remaining} bytes remain.");
        }

        return ReadSpan((int)length, what);
    }

    public ReadOnlySpan<byte> ReadSpan(int length, string what)
    {
        if (length > Remaining)
        {
            throw new AvroException($"Truncated data: the {what} at offset {Position} needs {length} bytes but only {Remaining} remain.");
        }

        var span = _data.Slice(Position, length);
        Position += length;
        return span;
    }
}
