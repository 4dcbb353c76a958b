using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Cdc.Schemas.Avro;

/// <summary>
/// Decodes Avro binary by a schema into plain JSON for people (records as objects in field order, unions unwrapped to
/// their value or null, longs as numbers, bytes/fixed as base64 strings, enums as strings, maps as objects, arrays as
/// arrays; non-finite floats as the strings "NaN", "Infinity", "-Infinity"). Truncated input, negative lengths,
/// out-of-range union or enum indexes, invalid UTF-8 and trailing bytes throw <see cref="AvroException"/> with the
/// offset. Used by <c>cdc inspect</c>, not on a hot path.
/// </summary>
internal static class AvroJsonDecoder
{
    private const int MaxDepth = 256;

    /// <summary>Guards against a block count of billions of zero-byte items (e.g. nulls), which costs no input bytes.</summary>
    private const long MaxZeroByteItems = 1_000_000;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, MaxDepth = MaxDepth + 8 };

    public static string Decode(AvroSchema schema, ReadOnlySpan<byte> data)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, data.Length * 2));
        var reader = new AvroBinaryReader(data);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            try
            {
                DecodeValue(schema, ref reader, json, depth: 0);
            }
            catch (ArgumentException e)
            {
                // Utf8JsonWriter refuses tokens beyond its size limit (a string of hundreds of megabytes).
                throw new AvroException($"The value before offset {reader.Position} cannot be written as JSON: {e.Message}", e);
            }
        }

        if (reader.Remaining != 0)
        {
            throw new AvroException($"{reader.Remaining} trailing bytes after the value, at offset {reader.Position} of {data.Length}.");
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void DecodeValue(AvroSchema schema, ref AvroBinaryReader reader, Utf8JsonWriter json, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new AvroException($"The value at offset {reader.Position} is nested more than {MaxDepth} levels deep.");
        }

        switch (schema)
        {
            case AvroPrimitiveSchema:
                DecodePrimitive(schema.Type, ref reader, json);
                break;
            case AvroRecordSchema record:
                json.WriteStartObject();
                foreach (var field in record.Fields)
                {
                    json.WritePropertyName(field.Name);
                    DecodeValue(field.Schema, ref reader, json, depth + 1);
                }

                json.WriteEndObject();
                break;
            case AvroEnumSchema enumeration:
            {
                var start = reader.Position;
                var index = reader.ReadInt();
                if (index < 0 || index >= enumeration.Symbols.Count)
                {
                    throw new AvroException($"Invalid enum index {index} at offset {start}: '{enumeration.FullName}' has {enumeration.Symbols.Count} symbols.");
                }

                json.WriteStringValue(enumeration.Symbols[index]);
                break;
            }

            case AvroFixedSchema fixedSchema:
                json.WriteBase64StringValue(reader.ReadSpan(fixedSchema.Size, $"fixed '{fixedSchema.FullName}'"));
                break;
            case AvroUnionSchema union:
            {
                var start = reader.Position;
                var index = reader.ReadLong();
                if (index < 0 || index >= union.Branches.Count)
                {
                    throw new AvroException($"Invalid union index {index} at offset {start}: the union has {union.Branches.Count} branches.");
                }

                DecodeValue(union.Branches[(int)index], ref reader, json, depth + 1);
                break;
            }

            case AvroArraySchema array:
                json.WriteStartArray();
                DecodeBlocks(array.Items, isMap: false, ref reader, json, depth);
                json.WriteEndArray();
                break;
            case AvroMapSchema map:
                json.WriteStartObject();
                DecodeBlocks(map.Values, isMap: true, ref reader, json, depth);
                json.WriteEndObject();
                break;
            default:
                throw new AvroException($"Cannot decode a schema of kind {schema.GetType().Name}.");
        }
    }

    private static void DecodeBlocks(AvroSchema itemSchema, bool isMap, ref AvroBinaryReader reader, Utf8JsonWriter json, int depth)
    {
        var itemsCostNothing = !isMap && MinimumEncodedLength(itemSchema, depth: 0) == 0;
        long total = 0;
        while (true)
        {
            var start = reader.Position;
            var count = reader.ReadLong();
            if (count == 0)
            {
                return;
            }

            if (count < 0)
            {
                // A negative count is followed by the block's size in bytes, so readers can skip it.
                if (count == long.MinValue)
                {
                    throw new AvroException($"Invalid block count {count} at offset {start}.");
                }

                count = -count;
                var sizeOffset = reader.Position;
                var size = reader.ReadLong();
                if (size < 0)
                {
                    throw new AvroException($"Invalid block size {size} at offset {sizeOffset}: negative.");
                }
            }

            total += count;
            if (itemsCostNothing ? total > MaxZeroByteItems : count > reader.Remaining)
            {
                throw new AvroException($"Invalid block count {count} at offset {start}: more items than the {reader.Remaining} remaining bytes can hold.");
            }

            for (long i = 0; i < count; i++)
            {
                if (isMap)
                {
                    json.WritePropertyName(ReadUtf8(ref reader, "map key"));
                }

                DecodeValue(itemSchema, ref reader, json, depth + 1);
            }
        }
    }

    private static void DecodePrimitive(AvroType type, ref AvroBinaryReader reader, Utf8JsonWriter json)
    {
        switch (type)
        {
            case AvroType.Null:
                json.WriteNullValue();
                break;
            case AvroType.Boolean:
                json.WriteBooleanValue(reader.ReadBoolean());
                break;
            case AvroType.Int:
                json.WriteNumberValue(reader.ReadInt());
                break;
            case AvroType.Long:
                json.WriteNumberValue(reader.ReadLong());
                break;
            case AvroType.Float:
                WriteFloatingPoint(json, reader.ReadFloat());
                break;
            case AvroType.Double:
                WriteFloatingPoint(json, reader.ReadDouble());
                break;
            case AvroType.Bytes:
                json.WriteBase64StringValue(reader.ReadLengthPrefixed("bytes"));
                break;
            default:
                json.WriteStringValue(ReadUtf8(ref reader, "string"));
                break;
        }
    }

    private static ReadOnlySpan<byte> ReadUtf8(ref AvroBinaryReader reader, string what)
    {
        var start = reader.Position;
        var utf8 = reader.ReadLengthPrefixed(what);
        if (!Utf8.IsValid(utf8))
        {
            throw new AvroException($"Invalid UTF-8 in the {what} at offset {start}.");
        }

        return utf8;
    }

    private static void WriteFloatingPoint(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteFloatingPoint(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            WriteFloatingPoint(json, (double)value);
        }
    }

    /// <summary>The fewest bytes a value of the schema can take: 0 for null, empty records and fixed(0).</summary>
    private static long MinimumEncodedLength(AvroSchema schema, int depth)
    {
        switch (schema)
        {
            case AvroPrimitiveSchema { Type: AvroType.Null }:
                return 0;
            case AvroFixedSchema fixedSchema:
                return fixedSchema.Size;
            case AvroRecordSchema record:
                if (depth > MaxDepth)
                {
                    return 0;
                }

                long sum = 0;
                foreach (var field in record.Fields)
                {
                    sum += MinimumEncodedLength(field.Schema, depth + 1);
                    if (sum > 0)
                    {
                        return sum;
                    }
                }

                return sum;
            default:
                return 1;
        }
    }
}
