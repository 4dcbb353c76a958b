using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.LiveView;

/// <summary>
/// What the live view sends for one acknowledged change, as UTF-8 JSON:
/// <c>{"type":"change", "operationType", "ns", "documentKey", "clusterTime": {"t","i"}, "time", "wallTime", "records":
/// [{"topic","partition","offset"}], "change": {every other field of the event as relaxed Extended JSON}}</c>, plus
/// <c>"omittedBytes"</c> when the event was too large to show. Encoded once on the feed's thread and sent to every client.
/// </summary>
internal static class LiveChangeMessage
{
    /// <summary>
    /// The event's fields the header shows or leaves out (the resume token); the others (fullDocument, updateDescription,
    /// the pre-image, …) go under "change". An event too large to show keeps these only (<see cref="LiveChangeFeed"/>).
    /// </summary>
    public static readonly string[] HeaderFields = ["_id", "operationType", "ns", "documentKey", "clusterTime", "wallTime"];

    private static readonly byte[][] HeaderFieldsUtf8 = [.. HeaderFields.Select(Encoding.UTF8.GetBytes)];

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    public static byte[] Encode(PendingLiveChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var output = new ArrayBufferWriter<byte>(Math.Max(512, change.ChangeEvent.Length * 2));
        var scratch = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteString("type", "change");
            WriteHeader(json, change.ChangeEvent, scratch);
            json.WriteStartArray("records");
            foreach (var placement in change.Placements)
            {
                json.WriteStartObject();
                json.WriteString("topic", placement.Topic);
                json.WriteNumber("partition", placement.Partition);
                json.WriteNumber("offset", placement.Offset);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (change.OmittedBytes > 0)
            {
                json.WriteNumber("omittedBytes", change.OmittedBytes);
            }

            json.WriteStartObject("change");
            var reader = new BsonReader(change.ChangeEvent);
            while (reader.MoveNext())
            {
                var element = reader.Current;
                if (HeaderFieldIndex(element) < 0)
                {
                    WriteValue(json, Encoding.UTF8.GetString(element.Name), element, scratch);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteHeader(Utf8JsonWriter json, ReadOnlySpan<byte> changeEvent, ArrayBufferWriter<byte> scratch)
    {
        var reader = new BsonReader(changeEvent);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("operationType"u8) && element.Type == BsonType.String)
            {
                json.WriteString("operationType", element.GetStringUtf8());
            }
            else if (element.NameEquals("ns"u8) && element.Type == BsonType.Document)
            {
                json.WriteString("ns", Namespace(element.GetDocumentReader()));
            }
            else if (element.NameEquals("documentKey"u8))
            {
                WriteValue(json, "documentKey", element, scratch);
            }
            else if (element.NameEquals("clusterTime"u8) && element.Type == BsonType.Timestamp)
            {
                WriteClusterTime(json, element.GetTimestamp());
            }
            else if (element.NameEquals("wallTime"u8) && element.Type == BsonType.DateTime)
            {
                json.WriteString("wallTime", DateTimeOffset.FromUnixTimeMilliseconds(element.GetDateTime()).UtcDateTime);
            }
        }
    }

    /// <summary>The index of <paramref name="element"/>'s name in <see cref="HeaderFields"/>, or -1.</summary>
    public static int HeaderFieldIndex(BsonElement element)
    {
        for (var i = 0; i < HeaderFieldsUtf8.Length; i++)
        {
            if (element.NameEquals(HeaderFieldsUtf8[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><c>"clusterTime": {"t", "i"}, "time": ISO 8601</c>, as the change and status messages both carry it.</summary>
    public static void WriteClusterTime(Utf8JsonWriter json, BsonTimestamp time)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject("clusterTime");
        json.WriteNumber("t", time.Seconds);
        json.WriteNumber("i", time.Increment);
        json.WriteEndObject();
        json.WriteString("time", DateTimeOffset.FromUnixTimeSeconds(time.Seconds).UtcDateTime);
    }

    private static string Namespace(BsonReader ns)
    {
        string? db = null, coll = null;
        while (ns.MoveNext())
        {
            var part = ns.Current;
            if (part.Type != BsonType.String)
            {
                continue;
            }

            if (part.NameEquals("db"u8))
            {
                db = Encoding.UTF8.GetString(part.GetStringUtf8());
            }
            else if (part.NameEquals("coll"u8))
            {
                coll = Encoding.UTF8.GetString(part.GetStringUtf8());
            }
        }

        return coll is null ? db ?? string.Empty : $"{db}.{coll}";
    }

    private static void WriteValue(Utf8JsonWriter json, string name, BsonElement element, ArrayBufferWriter<byte> scratch)
    {
        scratch.ResetWrittenCount();
        ExtendedJsonWriter.WriteValue(element, scratch, ExtendedJsonMode.Relaxed);
        json.WritePropertyName(name);
        json.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
    }
}
