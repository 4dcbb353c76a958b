using Avro;
using Avro.Generic;
using Avro.IO;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>Apache.Avro's GenericDatumReader, the independent decoder of what the typed writer wrote.</summary>
internal static class TypedAvroOracle
{
    /// <summary>
    /// Decodes an unframed payload written with <paramref name="writerSchemaJson"/>, resolved to
    /// <paramref name="readerSchemaJson"/> (the writer schema when null); throws when bytes are left over.
    /// </summary>
    public static GenericRecord Decode(string writerSchemaJson, byte[] payload, string? readerSchemaJson = null)
    {
        var writer = Schema.Parse(writerSchemaJson);
        var reader = readerSchemaJson is null ? writer : Schema.Parse(readerSchemaJson);
        using var stream = new MemoryStream(payload, writable: false);
        var record = (GenericRecord)new GenericDatumReader<object>(writer, reader).Read(reuse: null!, new BinaryDecoder(stream));
        if (stream.Position != stream.Length)
        {
            throw new InvalidDataException($"Apache.Avro read {stream.Position} of {stream.Length} bytes: the payload does not end where the schema does.");
        }

        return record;
    }
}
