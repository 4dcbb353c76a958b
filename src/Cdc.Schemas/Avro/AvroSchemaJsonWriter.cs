using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Schemas.Avro;

/// <summary>
/// Writes a schema as compact JSON, either in full (what is registered: docs, defaults, logical types, extra
/// attributes) or in the specification's Parsing Canonical Form. Both walk the schema depth first and write a named
/// type in full at its first occurrence and by name afterwards, which also makes recursive records finite.
/// </summary>
internal sealed class AvroSchemaJsonWriter
{
    // Relaxed escaping keeps non-ASCII text (docs, defaults) as UTF-8 instead of \uXXXX escapes, as [STRINGS] asks.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private readonly Utf8JsonWriter _json;
    private readonly bool _canonical;
    private readonly Dictionary<string, AvroNamedSchema> _defined = new(StringComparer.Ordinal);

    private AvroSchemaJsonWriter(Utf8JsonWriter json, bool canonical)
    {
        _json = json;
        _canonical = canonical;
    }

    public static string Write(AvroSchema schema, bool canonical)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            new AvroSchemaJsonWriter(json, canonical).WriteSchema(schema, enclosingNamespace: null);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteSchema(AvroSchema schema, string? enclosingNamespace)
    {
        switch (schema)
        {
            case AvroPrimitiveSchema primitive:
                WritePrimitive(primitive);
                break;
            case AvroNamedSchema named:
                WriteNamed(named, enclosingNamespace);
                break;
            case AvroArraySchema array:
                _json.WriteStartObject();
                _json.WriteString("type", "array");
                _json.WritePropertyName("items");
                WriteSchema(array.Items, enclosingNamespace);
                WriteProperties(array.Properties);
                _json.WriteEndObject();
                break;
            case AvroMapSchema map:
                _json.WriteStartObject();
                _json.WriteString("type", "map");
                _json.WritePropertyName("values");
                WriteSchema(map.Values, enclosingNamespace);
                WriteProperties(map.Properties);
                _json.WriteEndObject();
                break;
            case AvroUnionSchema union:
                _json.WriteStartArray();
                foreach (var branch in union.Branches)
                {
                    WriteSchema(branch, enclosingNamespace);
                }

                _json.WriteEndArray();
                break;
            default:
                throw new AvroException($"Cannot write a schema of kind {schema.GetType().Name}.");
        }
    }

    private void WritePrimitive(AvroPrimitiveSchema primitive)
    {
        // [PRIMITIVES]: the canonical form of a primitive is its bare name, whatever attributes it had.
        if (_canonical || (primitive.LogicalType is null && primitive.Properties.Count == 0))
        {
            _json.WriteStringValue(primitive.TypeName);
            return;
        }

        _json.WriteStartObject();
        _json.WriteString("type", primitive.TypeName);
        if (primitive.LogicalType is not null)
        {
            _json.WriteString("logicalType", primitive.LogicalType);
        }

        WriteProperties(primitive.Properties);
        _json.WriteEndObject();
    }

    private void WriteNamed(AvroNamedSchema named, string? enclosingNamespace)
    {
        if (_defined.TryGetValue(named.FullName, out var first))
        {
            if (!ReferenceEquals(first, named) && first.ToJson() != named.ToJson())
            {
                throw new AvroException($"The name '{named.FullName}' is defined twice with different definitions: {first.ToJson()} and {named.ToJson()}.");
            }

            // [FULLNAMES] in the canonical form; in full JSON the short name suffices within the same namespace.
            _json.WriteStringValue(_canonical || named.Namespace != enclosingNamespace ? named.FullName : named.Name);
            return;
        }

        _defined.Add(named.FullName, named);
        _json.WriteStartObject();
        var kind = AvroNamedSchema.KindName(named.Type);
        if (_canonical)
        {
            // [ORDER] name, type, then fields/symbols/size; [STRIP] drops everything else.
            _json.WriteString("name", named.FullName);
            _json.WriteString("type", kind);
        }
        else
        {
            _json.WriteString("type", kind);
            _json.WriteString("name", named.Name);
            if (named.Namespace != enclosingNamespace)
            {
                // An empty namespace resets an inherited one to the null namespace.
                _json.WriteString("namespace", named.Namespace ?? string.Empty);
            }

            if (named.Doc is not null)
            {
                _json.WriteString("doc", named.Doc);
            }

            WriteAliases(named.Aliases);
        }

        switch (named)
        {
            case AvroRecordSchema record:
                WriteFields(record);
                break;
            case AvroEnumSchema enumeration:
                _json.WriteStartArray("symbols");
                foreach (var symbol in enumeration.Symbols)
                {
                    _json.WriteStringValue(symbol);
                }

                _json.WriteEndArray();
                if (!_canonical && enumeration.DefaultSymbol is not null)
                {
                    _json.WriteString("default", enumeration.DefaultSymbol);
                }

                break;
            case AvroFixedSchema fixedSchema:
                _json.WriteNumber("size", fixedSchema.Size);
                if (!_canonical && fixedSchema.LogicalType is not null)
                {
                    _json.WriteString("logicalType", fixedSchema.LogicalType);
                }

                break;
            default:
                throw new AvroException($"Cannot write a named schema of kind {named.GetType().Name}.");
        }

        WriteProperties(named.Properties);
        _json.WriteEndObject();
    }

    private void WriteFields(AvroRecordSchema record)
    {
        _json.WriteStartArray("fields");
        foreach (var field in record.Fields)
        {
            _json.WriteStartObject();
            _json.WriteString("name", field.Name);
            _json.WritePropertyName("type");
            WriteSchema(field.Schema, record.Namespace);
            if (!_canonical)
            {
                if (field.Doc is not null)
                {
                    _json.WriteString("doc", field.Doc);
                }

                if (field.DefaultValue is { } defaultValue)
                {
                    _json.WritePropertyName("default");
                    defaultValue.WriteTo(_json);
                }

                if (field.Order is not null)
                {
                    _json.WriteString("order", field.Order);
                }

                WriteAliases(field.Aliases);
                WriteProperties(field.Properties);
            }

            _json.WriteEndObject();
        }

        _json.WriteEndArray();
    }

    private void WriteAliases(IReadOnlyList<string> aliases)
    {
        if (aliases.Count == 0)
        {
            return;
        }

        _json.WriteStartArray("aliases");
        foreach (var alias in aliases)
        {
            _json.WriteStringValue(alias);
        }

        _json.WriteEndArray();
    }

    private void WriteProperties(IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
    {
        if (_canonical)
        {
            return;
        }

        foreach (var (name, value) in properties)
        {
            _json.WritePropertyName(name);
            value.WriteTo(_json);
        }
    }
}
