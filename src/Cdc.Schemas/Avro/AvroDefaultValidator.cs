using System.Text.Json;

namespace Cdc.Schemas.Avro;

/// <summary>
/// Checks that a field's default value is JSON of the field's type (specification, "Complex Types: Records"), so a
/// schema that a reader could not apply is rejected when it is parsed, not when a consumer first needs the default.
/// For a union, the default may match any branch, as Java's parser accepts.
/// </summary>
internal static class AvroDefaultValidator
{
    public static void Validate(AvroSchema schema, JsonElement value, string path)
    {
        if (!IsValid(schema, value))
        {
            throw new AvroException($"Invalid default value {Abbreviate(value.GetRawText())} at {path}: not a valid JSON value of the type {Abbreviate(schema.ToJson())}.");
        }
    }

    private static bool IsValid(AvroSchema schema, JsonElement value)
    {
        switch (schema)
        {
            case AvroUnionSchema union:
                foreach (var branch in union.Branches)
                {
                    if (IsValid(branch, value))
                    {
                        return true;
                    }
                }

                return false;
            case AvroRecordSchema record:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var field in record.Fields)
                {
                    if (value.TryGetProperty(field.Name, out var fieldValue) ? !IsValid(field.Schema, fieldValue) : field.DefaultValue is null)
                    {
                        return false;
                    }
                }

                return true;
            case AvroEnumSchema enumeration:
                return value.ValueKind == JsonValueKind.String && Contains(enumeration.Symbols, value.GetString()!);
            case AvroFixedSchema fixedSchema:
                return value.ValueKind == JsonValueKind.String && IsByteString(value.GetString()!, fixedSchema.Size);
            case AvroArraySchema array:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                foreach (var item in value.EnumerateArray())
                {
                    if (!IsValid(array.Items, item))
                    {
                        return false;
                    }
                }

                return true;
            case AvroMapSchema map:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var property in value.EnumerateObject())
                {
                    if (!IsValid(map.Values, property.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return IsValidPrimitive(schema.Type, value);
        }
    }

    private static bool IsValidPrimitive(AvroType type, JsonElement value) => type switch
    {
        AvroType.Null => value.ValueKind == JsonValueKind.Null,
        AvroType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        AvroType.Int => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        AvroType.Long => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        AvroType.Float or AvroType.Double => value.ValueKind == JsonValueKind.Number,
        AvroType.Bytes => value.ValueKind == JsonValueKind.String && IsByteString(value.GetString()!, expectedLength: -1),
        AvroType.String => value.ValueKind == JsonValueKind.String,
        _ => false,
    };

    /// <summary>Bytes and fixed defaults are strings whose code points 0–255 are the bytes.</summary>
    private static bool IsByteString(string text, int expectedLength)
    {
        if (expectedLength >= 0 && text.Length != expectedLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c > 0xFF)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<string> symbols, string symbol)
    {
        foreach (var candidate in symbols)
        {
            if (candidate == symbol)
            {
                return true;
            }
        }

        return false;
    }

    private static string Abbreviate(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
