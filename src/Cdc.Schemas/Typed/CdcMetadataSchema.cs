using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Typed;

/// <summary>
/// The schema of <see cref="CdcMetadata"/>: the record <c>CdcMetadata</c>, with its <c>ClusterTime</c> record, in the
/// value record's namespace, so every value record of a namespace shares one definition.
/// </summary>
internal static class CdcMetadataSchema
{
    /// <summary>The name of the metadata field, always the value record's first field.</summary>
    public const string FieldName = "__cdc";

    public const string RecordName = "CdcMetadata";

    public static AvroRecordSchema For(string? @namespace)
    {
        var nullDefault = TypedSchemaProperties.NullDefault;
        var clusterTime = new AvroRecordSchema("ClusterTime", @namespace,
        [
            new AvroField("t", AvroPrimitiveSchema.Long, "BSON Timestamp seconds."),
            new AvroField("i", AvroPrimitiveSchema.Long, "BSON Timestamp increment."),
        ]);
        return new AvroRecordSchema(RecordName, @namespace,
        [
            new AvroField("op", AvroPrimitiveSchema.String, "operationType of the change event; \"delete\" carries every document field null."),
            new AvroField("db", AvroPrimitiveSchema.String),
            new AvroField("coll", new AvroUnionSchema([AvroPrimitiveSchema.Null, AvroPrimitiveSchema.String]), defaultValue: nullDefault),
            new AvroField("resumeToken", AvroPrimitiveSchema.String, "_id._data of the change event."),
            new AvroField("clusterTime", clusterTime),
            new AvroField("wallTime", new AvroUnionSchema([AvroPrimitiveSchema.Null, new AvroPrimitiveSchema(AvroType.Long, "timestamp-millis")]), defaultValue: nullDefault),
        ],
        "Where the change came from: the connector adds it to every typed value.");
    }

    /// <summary>The <c>__cdc</c> field of a value record in <paramref name="namespace"/>.</summary>
    public static AvroField Field(string? @namespace) => new(FieldName, For(@namespace));
}
