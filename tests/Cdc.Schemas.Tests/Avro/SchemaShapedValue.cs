using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Tests.Avro;

/// <summary>
/// A value written as JSON shaped by its schema, the form tests/js/avro-peer.mjs speaks: records as objects, unions as
/// null or {"branch": value} (type name, or full name of a named type), longs as decimal strings, bytes and fixed as
/// base64, floats as numbers or "NaN"/"Infinity"/"-Infinity". <see cref="Encode"/> writes it with
/// <see cref="AvroBinary"/> the way the mapper does (one block per array or map); <see cref="ToDecoderJson"/> gives the
/// JSON <see cref="AvroJsonDecoder"/> should produce for it.
/// </summary>
internal static class SchemaShapedValue
{
    public static byte[] Encode(AvroSchema schema, JsonElement value)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(schema, value, output);
        return output.WrittenSpan.ToArray();
    }

    public static string ToDecoderJson(AvroSchema schema, JsonElement value)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output))
        {
            WriteDecoderJson(schema, value, json);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Write(AvroSchema schema, JsonElement value, ArrayBufferWriter<byte> output)
    {
        switch (schema)
        {
            case AvroRecordSchema record:
                foreach (var field in record.Fields)
                {
                    Write(field.Schema, value.GetProperty(field.Name), output);
                }

                break;
            case AvroEnumSchema enumeration:
                AvroBinary.WriteInt(output, IndexOf(enumeration.Symbols, value.GetString()!));
                break;
            case AvroFixedSchema:
                output.Write(value.GetBytesFromBase64());
                break;
            case AvroUnionSchema union:
            {
                var (index, branchValue) = Branch(union, value);
                AvroBinary.WriteUnionIndex(output, index);
                Write(union.Branches[index], branchValue, output);
                break;
            }

            case AvroArraySchema array:
                if (value.GetArrayLength() > 0)
                {
                    AvroBinary.WriteBlockCount(output, value.GetArrayLength());
                    foreach (var item in value.EnumerateArray())
                    {
                        Write(array.Items, item, output);
                    }
                }

                AvroBinary.WriteBlockEnd(output);
                break;
            case AvroMapSchema map:
            {
                var count = value.EnumerateObject().Count();
                if (count > 0)
                {
                    AvroBinary.WriteBlockCount(output, count);
                    foreach (var entry in value.EnumerateObject())
                    {
                        AvroBinary.WriteString(output, entry.Name);
                        Write(map.Values, entry.Value, output);
                    }
                }

                AvroBinary.WriteBlockEnd(output);
                break;
            }

            default:
                WritePrimitive(schema.Type, value, output);
                break;
        }
    }

    private static void WritePrimitive(AvroType type, JsonElement value, ArrayBufferWriter<byte> output)
    {
        switch (type)
        {
            case AvroType.Null:
                break;
            case AvroType.Boolean:
                AvroBinary.WriteBoolean(output, value.GetBoolean());
                break;
            case AvroType.Int:
                AvroBinary.WriteInt(output, value.GetInt32());
                break;
            case AvroType.Long:
                AvroBinary.WriteLong(output, ParseLong(value));
                break;
            case AvroType.Float:
                AvroBinary.WriteFloat(output, (float)ParseDouble(value));
                break;
            case AvroType.Double:
                AvroBinary.WriteDouble(output, ParseDouble(value));
                break;
            case AvroType.Bytes:
                AvroBinary.WriteBytes(output, value.GetBytesFromBase64());
                break;
            case AvroType.String:
                AvroBinary.WriteString(output, value.GetString()!);
                break;
            default:
                throw new InvalidOperationException($"not a primitive: {type}");
        }
    }

    private static void WriteDecoderJson(AvroSchema schema, JsonElement value, Utf8JsonWriter json)
    {
        switch (schema)
        {
            case AvroRecordSchema record:
                json.WriteStartObject();
                foreach (var field in record.Fields)
                {
                    json.WritePropertyName(field.Name);
                    WriteDecoderJson(field.Schema, value.GetProperty(field.Name), json);
                }

                json.WriteEndObject();
                break;
            case AvroUnionSchema union:
            {
                var (index, branchValue) = Branch(union, value);
                WriteDecoderJson(union.Branches[index], branchValue, json);
                break;
            }

            case AvroArraySchema array:
                json.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteDecoderJson(array.Items, item, json);
                }

                json.WriteEndArray();
                break;
            case AvroMapSchema map:
                json.WriteStartObject();
                foreach (var entry in value.EnumerateObject())
                {
                    json.WritePropertyName(entry.Name);
                    WriteDecoderJson(map.Values, entry.Value, json);
                }

                json.WriteEndObject();
                break;
            case { Type: AvroType.Long }:
                json.WriteNumberValue(ParseLong(value));
                break;
            case { Type: AvroType.Float or AvroType.Double } when value.ValueKind == JsonValueKind.String:
                json.WriteStringValue(value.GetString());
                break;
            case { Type: AvroType.Float }:
                json.WriteNumberValue((float)value.GetDouble());
                break;
            default:
                value.WriteTo(json);
                break;
        }
    }

    private static (int Index, JsonElement Value) Branch(AvroUnionSchema union, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return (IndexOfBranch(union, "null"), value);
        }

        var entry = value.EnumerateObject().Single();
        return (IndexOfBranch(union, entry.Name), entry.Value);
    }

    private static int IndexOfBranch(AvroUnionSchema union, string name)
    {
        for (var i = 0; i < union.Branches.Count; i++)
        {
            var branch = union.Branches[i];
            var branchName = branch switch
            {
                AvroNamedSchema named => named.FullName,
                _ => AvroNamedSchema.KindName(branch.Type),
            };
            if (branchName == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The union has no branch '{name}'.");
    }

    private static int IndexOf(IReadOnlyList<string> symbols, string symbol)
    {
        for (var i = 0; i < symbols.Count; i++)
        {
            if (symbols[i] == symbol)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No enum symbol '{symbol}'.");
    }

    private static long ParseLong(JsonElement value) => long.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    private static double ParseDouble(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : value.GetDouble();
}
