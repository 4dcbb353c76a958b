using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cdc.Connector.Configuration;
using Cdc.Connector.Sink;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;

namespace Cdc.Cli;

/// <summary>
/// The JSON object `cdc inspect` prints: topic, what `cdc run` does with the event (<see cref="InspectVerdict"/>), schemas,
/// Avro payloads (base64, unframed) and their decoded form.
/// </summary>
internal static class InspectReport
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // valueSchema: the envelope's, or with typed values the schema the value was written with; valueSchemaSource: where
    // that typed schema came from (null for the envelope).
    public static string Write(
        MappedEvent mapped, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, AvroSchema valueSchema, string? valueSchemaSource, MappingOptions options, OversizePolicy oversize, InspectVerdict verdict)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("topic", mapped.Topic);
            json.WriteString("operationType", mapped.OperationType);
            json.WriteBoolean("published", verdict.Published);
            json.WriteString("action", verdict.ActionName);
            if (verdict.Reason is not null)
            {
                json.WriteString("reason", verdict.Reason);
            }

            if (verdict.Note is not null)
            {
                json.WriteString("note", verdict.Note);
            }

            if (verdict.DeadLetterTopic is not null)
            {
                json.WriteString("deadLetterTopic", verdict.DeadLetterTopic);
            }

            if (verdict.Fix is not null)
            {
                json.WriteString("fix", verdict.Fix);
            }

            json.WriteNumber("recordBytes", verdict.RecordBytes);
            json.WriteNumber("messageMaxBytes", verdict.MessageMaxBytes);
            if (verdict.Referenced is { } referenced)
            {
                // What mapping.oversize=reference left out, in the order it did (the cdc.omitted header), and what remains.
                json.WriteStartArray("omitted");
                foreach (var path in referenced.OmittedPaths)
                {
                    json.WriteStringValue(path);
                }

                json.WriteEndArray();
                json.WriteString("omittedHeader", referenced.OmittedHeader);
                json.WriteNumber("referencedRecordBytes", RecordSize.FramedBytes(referenced.Key) + RecordSize.FramedBytes(referenced.Value));
            }

            WriteSchema(json, "keySchema", mapped.KeySchema);
            json.WriteString("valueFormat", ConfigurationSchema.WordOf(options.Value));
            if (valueSchemaSource is not null)
            {
                json.WriteString("valueSchemaSource", valueSchemaSource);
            }

            WriteSchema(json, "valueSchema", valueSchema);
            var hasKey = !mapped.Skipped && mapped.Key == MappedKey.Written;
            var hasValue = !mapped.Skipped;
            WritePayload(json, "key", hasKey, key);
            WritePayload(json, "value", hasValue, value);
            WriteDecoded(json, "keyJson", hasKey, mapped.KeySchema, key);
            WriteDecoded(json, "valueJson", hasValue, valueSchema, value);
            json.WriteBoolean("tombstone", mapped.TombstoneFollows);
            json.WriteString("keylessEvents", ConfigurationSchema.WordOf(options.KeylessEvents));
            json.WriteString("oversize", ConfigurationSchema.WordOf(oversize));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteSchema(Utf8JsonWriter json, string name, AvroSchema schema)
    {
        json.WritePropertyName(name);
        using var document = JsonDocument.Parse(schema.ToJson());
        document.WriteTo(json);
    }

    private static void WritePayload(Utf8JsonWriter json, string name, bool present, ReadOnlySpan<byte> payload)
    {
        if (present)
        {
            json.WriteBase64String(name, payload);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteDecoded(Utf8JsonWriter json, string name, bool present, AvroSchema schema, ReadOnlySpan<byte> payload)
    {
        json.WritePropertyName(name);
        if (!present)
        {
            json.WriteNullValue();
            return;
        }

        using var document = JsonDocument.Parse(AvroJsonDecoder.Decode(schema, payload));
        document.WriteTo(json);
    }
}
