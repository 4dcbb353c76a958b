using System.Buffers;

namespace Cdc.Schemas.Registry;

/// <summary>Confluent Schema Registry wire framing: magic byte 0x00, 4-byte big-endian schema id, then the Avro payload. STUB.</summary>
internal static class SchemaRegistryFraming
{
    public const byte MagicByte = 0;

    public const int HeaderLength = 5;

    public static void WriteHeader(IBufferWriter<byte> output, int schemaId) => throw new NotImplementedException($"{output}{schemaId}");

    /// <summary>Reads the schema id of a framed message; throws FormatException when too short or the magic byte is wrong.</summary>
    public static int ReadSchemaId(ReadOnlySpan<byte> framed, out ReadOnlySpan<byte> payload) => throw new NotImplementedException($"{framed.Length}");
}
