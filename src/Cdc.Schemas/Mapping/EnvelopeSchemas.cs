using System.Text.Json;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// The key and value schemas of one topic (docs/mapping.md, "The value: the envelope"). Record names live in the namespace made of
/// the topic's dot-separated parts, each sanitised to an Avro name, as Debezium names its <c>server.db.coll.Envelope</c>.
/// </summary>
internal sealed class EnvelopeSchemas
{
    private static readonly JsonElement NullDefault = CreateNullDefault();

    private EnvelopeSchemas(AvroRecordSchema key, AvroRecordSchema value)
    {
        Key = key;
        Value = value;
    }

    public AvroRecordSchema Key { get; }

    public AvroRecordSchema Value { get; }

    public static EnvelopeSchemas ForTopic(string topic)
    {
        var ns = AvroNamespaceOf(topic);
        var nullableString = Nullable(AvroPrimitiveSchema.String);

        var clusterTime = new AvroRecordSchema("ClusterTime", ns,
        [
            new AvroField("t", AvroPrimitiveSchema.Long, "BSON Timestamp seconds."),
            new AvroField("i", AvroPrimitiveSchema.Long, "BSON Timestamp increment."),
        ]);

        // One definition, referenced by name from both ns and to: Avro forbids defining a name twice.
        var namespaceRecord = new AvroRecordSchema("Namespace", ns,
        [
            new AvroField("db", AvroPrimitiveSchema.String),
            new AvroField("coll", nullableString, defaultValue: NullDefault),
        ]);

        var truncatedArray = new AvroRecordSchema("TruncatedArray", ns,
        [
            new AvroField("field", AvroPrimitiveSchema.String),
            new AvroField("newSize", AvroPrimitiveSchema.Int),
        ]);

        var updateDescription = new AvroRecordSchema("UpdateDescription", ns,
        [
            new AvroField("updatedFields", AvroPrimitiveSchema.String, "Extended JSON document of the changed fields."),
            new AvroField("removedFields", new AvroArraySchema(AvroPrimitiveSchema.String)),
            new AvroField("truncatedArrays", new AvroArraySchema(truncatedArray)),
            new AvroField("disambiguatedPaths", nullableString, "Extended JSON document.", NullDefault),
        ]);

        var value = new AvroRecordSchema("Envelope", ns,
        [
            new AvroField("resumeToken", AvroPrimitiveSchema.String, "_id._data of the change event."),
            new AvroField("operationType", AvroPrimitiveSchema.String),
            new AvroField("clusterTime", clusterTime),
            new AvroField("wallTime", Nullable(new AvroPrimitiveSchema(AvroType.Long, "timestamp-millis")), defaultValue: NullDefault),
            new AvroField("ns", namespaceRecord),
            new AvroField("documentKey", nullableString, "Canonical Extended JSON.", NullDefault),
            new AvroField("fullDocument", nullableString, "Extended JSON.", NullDefault),
            new AvroField("fullDocumentBeforeChange", nullableString, "Extended JSON pre-image.", NullDefault),
            new AvroField("updateDescription", Nullable(updateDescription), defaultValue: NullDefault),
            new AvroField("txnNumber", Nullable(AvroPrimitiveSchema.Long), defaultValue: NullDefault),
            new AvroField("lsid", nullableString, "Canonical Extended JSON.", NullDefault),
            new AvroField("to", Nullable(namespaceRecord), "Rename target.", NullDefault),
            new AvroField("operationDescription", nullableString, "Extended JSON.", NullDefault),
        ],
        "A MongoDB change event.");

        var key = new AvroRecordSchema("Key", ns,
        [
            new AvroField("documentKey", AvroPrimitiveSchema.String, "Canonical Extended JSON of the event's documentKey."),
        ]);

        return new EnvelopeSchemas(key, value);
    }

    /// <summary>The topic's dot-separated parts, each a valid Avro name.</summary>
    public static string AvroNamespaceOf(string topic)
    {
        var parts = topic.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = AvroNames.Sanitize(parts[i]);
        }

        return string.Join('.', parts);
    }

    private static AvroUnionSchema Nullable(AvroSchema schema) => new([AvroPrimitiveSchema.Null, schema]);

    private static JsonElement CreateNullDefault()
    {
        using var document = JsonDocument.Parse("null");
        return document.RootElement.Clone();
    }
}
