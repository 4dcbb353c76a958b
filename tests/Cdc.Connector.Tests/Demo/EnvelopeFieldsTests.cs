using Avro;
using Avro.Generic;
using Avro.IO;
using Cdc.Demo;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Tests.Demo;

/// <summary>
/// EnvelopeFields reads records as the demo's consumer gets them from Confluent's AvroDeserializer: Apache.Avro
/// <see cref="GenericRecord"/>s of the topic's real key and value schemas, written and read back through Apache.Avro's
/// binary encoding (so wallTime arrives as its timestamp-millis logical value, a DateTime).
/// </summary>
public sealed class EnvelopeFieldsTests
{
    private const long WallTimeMs = 1710268882456;

    private static readonly EnvelopeSchemas Schemas = EnvelopeSchemas.ForTopic("cdc.shop.orders");
    private static readonly RecordSchema ValueSchema = (RecordSchema)Schema.Parse(Schemas.Value.ToJson());
    private static readonly RecordSchema KeySchema = (RecordSchema)Schema.Parse(Schemas.Key.ToJson());

    [Fact]
    public void An_insert_shows_its_full_document_and_wallTime()
    {
        var insert = Envelope("insert");
        insert.Add("wallTime", DateTimeOffset.FromUnixTimeMilliseconds(WallTimeMs).UtcDateTime);
        insert.Add("fullDocument", "{\"_id\":1,\"status\":\"placed\"}");

        var fields = EnvelopeFields.Read(RoundTrip(insert));

        Assert.Equal("insert", fields.OperationType);
        Assert.Equal(WallTimeMs, fields.WallTimeMs);
        Assert.False(fields.InTransaction);
        Assert.Equal("{\"_id\":1,\"status\":\"placed\"}", fields.Document);
    }

    [Fact]
    public void An_update_in_a_transaction_shows_what_changed()
    {
        var updateDescription = new GenericRecord(UpdateDescriptionSchema());
        updateDescription.Add("updatedFields", "{\"status\":\"paid\"}");
        updateDescription.Add("removedFields", Array.Empty<object>());
        updateDescription.Add("truncatedArrays", Array.Empty<object>());
        updateDescription.Add("disambiguatedPaths", null);
        var update = Envelope("update");
        update.Add("updateDescription", updateDescription);
        update.Add("txnNumber", 7L);

        var fields = EnvelopeFields.Read(RoundTrip(update));

        Assert.Equal("update", fields.OperationType);
        Assert.Null(fields.WallTimeMs);
        Assert.True(fields.InTransaction);
        Assert.Equal("$set {\"status\":\"paid\"}", fields.Document);
    }

    [Fact]
    public void A_value_that_is_not_an_envelope_is_refused_naming_the_missing_field()
    {
        var key = new GenericRecord(KeySchema);
        key.Add("documentKey", "{\"_id\":1}");

        var error = Assert.Throws<KeyNotFoundException>(() => EnvelopeFields.Read(RoundTrip(key)));
        Assert.Contains("'operationType'", error.Message, StringComparison.Ordinal);
        Assert.Contains(KeySchema.Fullname, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_record_gives_the_documentKey_text()
    {
        var key = new GenericRecord(KeySchema);
        key.Add("documentKey", "{\"_id\":{\"$oid\":\"64d6582130a4d4b8e4c4a1f0\"}}");

        Assert.Equal("{\"_id\":{\"$oid\":\"64d6582130a4d4b8e4c4a1f0\"}}", EnvelopeFields.DocumentKey(RoundTrip(key)));
    }

    /// <summary>An envelope with the required fields set and every nullable one null.</summary>
    private static GenericRecord Envelope(string operationType)
    {
        var envelope = new GenericRecord(ValueSchema);
        foreach (var field in ValueSchema.Fields)
        {
            envelope.Add(field.Name, null);
        }

        var clusterTime = new GenericRecord((RecordSchema)ValueSchema["clusterTime"].Schema);
        clusterTime.Add("t", 1710268882L);
        clusterTime.Add("i", 1L);
        var ns = new GenericRecord((RecordSchema)ValueSchema["ns"].Schema);
        ns.Add("db", "shop");
        ns.Add("coll", "orders");
        envelope.Add("resumeToken", "8265F0A1D2000000012B042C0100296E5A1004");
        envelope.Add("operationType", operationType);
        envelope.Add("clusterTime", clusterTime);
        envelope.Add("ns", ns);
        envelope.Add("documentKey", "{\"_id\":1}");
        return envelope;
    }

    private static RecordSchema UpdateDescriptionSchema() =>
        (RecordSchema)((UnionSchema)ValueSchema["updateDescription"].Schema).Schemas.Single(schema => schema.Tag == Schema.Type.Record);

    /// <summary>Written with the record's schema and read back with it, as the deserializer reads a framed payload.</summary>
    private static GenericRecord RoundTrip(GenericRecord record)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(record.Schema).Write(record, new BinaryEncoder(stream));
        stream.Position = 0;
        return new GenericDatumReader<GenericRecord>(record.Schema, record.Schema).Read(reuse: null!, new BinaryDecoder(stream));
    }
}
