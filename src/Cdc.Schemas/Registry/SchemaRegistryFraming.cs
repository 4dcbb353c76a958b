using System.Buffers;
using System.Buffers.Binary;

namespace Cdc.Schemas.Registry;

/// <summary>Confluent Schema Registry wire framing: magic byte 0x00, 4-byte big-endian schema id, then the Avro payload.</summary>
internal static class SchemaRegistryFraming
{
    public const byte MagicByte = 0;

    public const int HeaderLength = 5;

    public static void WriteHeader(IBufferWriter<byte> output, int schemaId)
    {
        var span = output.GetSpan(HeaderLength);
        span[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], schemaId);
        output.Advance(HeaderLength);
    }

    /// <summary>Reads the schema id of a framed message; throws FormatException when too short or the magic byte is wrong.</summary>
    public static int ReadSchemaId(ReadOnlySpan<byte> framed, out ReadOnlySpan<byte> payload)
    {
        if (framed.Length < HeaderLength)
        {
            throw new FormatException($"A Schema Registry framed message has at least {HeaderLength} bytes (magic byte and schema id); this one has {framed.Length}.");
        }

        if (framed[0] != MagicByte)
        {
            throw new FormatException($"Unknown magic byte 0x{framed[0]:X2} at offset 0; the Schema Registry wire format starts with 0x00.");
        }

        payload = framed[HeaderLength..];
        return BinaryPrimitives.ReadInt32BigEndian(framed[1..]);
    }
}
