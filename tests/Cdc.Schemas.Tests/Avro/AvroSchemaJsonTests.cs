using System.Text.Json;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Tests.Avro;

public sealed class AvroSchemaJsonTests
{
    private const string Envelope = """
        {"type":"record","name":"ChangeEvent","namespace":"cdc.shop.orders","doc":"One change","fields":[
          {"name":"resumeToken","type":"string","doc":"_id._data"},
          {"name":"op","type":{"type":"enum","name":"Op","symbols":["insert","update"],"default":"insert"}},
          {"name":"clusterTime","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},
          {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
          {"name":"tags","type":{"type":"map","values":{"type":"array","items":"string"}},"default":{"a":["b"]}},
          {"name":"hash","type":{"type":"fixed","name":"Hash","namespace":"other","size":4},"order":"ignore","aliases":["digest"]},
          {"name":"hash2","type":"other.Hash"},
          {"name":"next","type":["null","ChangeEvent"],"default":null},
          {"name":"plain","type":{"type":"record","name":"Plain","namespace":"","fields":[{"name":"x","type":"int","default":1}]}}
        ]}
        """;

    [Fact]
    public void ToJson_writes_every_attribute_compactly_and_named_types_once()
    {
        var json = AvroSchema.Parse(Envelope).ToJson();

        Assert.Equal(
            "{\"type\":\"record\",\"name\":\"ChangeEvent\",\"namespace\":\"cdc.shop.orders\",\"doc\":\"One change\",\"fields\":["
            + "{\"name\":\"resumeToken\",\"type\":\"string\",\"doc\":\"_id._data\"},"
            + "{\"name\":\"op\",\"type\":{\"type\":\"enum\",\"name\":\"Op\",\"symbols\":[\"insert\",\"update\"],\"default\":\"insert\"}},"
            + "{\"name\":\"clusterTime\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null},"
            + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}},"
            + "{\"name\":\"tags\",\"type\":{\"type\":\"map\",\"values\":{\"type\":\"array\",\"items\":\"string\"}},\"default\":{\"a\":[\"b\"]}},"
            + "{\"name\":\"hash\",\"type\":{\"type\":\"fixed\",\"name\":\"Hash\",\"namespace\":\"other\",\"size\":4},\"order\":\"ignore\",\"aliases\":[\"digest\"]},"
            + "{\"name\":\"hash2\",\"type\":\"other.Hash\"},"
            + "{\"name\":\"next\",\"type\":[\"null\",\"ChangeEvent\"],\"default\":null},"
            + "{\"name\":\"plain\",\"type\":{\"type\":\"record\",\"name\":\"Plain\",\"namespace\":\"\",\"fields\":[{\"name\":\"x\",\"type\":\"int\",\"default\":1}]}}]}",
            json);
    }

    [Fact]
    public void Parse_of_ToJson_round_trips_both_forms()
    {
        var first = AvroSchema.Parse(Envelope);
        var second = AvroSchema.Parse(first.ToJson());

        Assert.Equal(first.ToJson(), second.ToJson());
        Assert.Equal(first.ToCanonicalForm(), second.ToCanonicalForm());
    }

    [Fact]
    public void Namespaces_are_inherited_and_reset_by_an_empty_namespace()
    {
        var schema = (AvroRecordSchema)AvroSchema.Parse(Envelope);

        Assert.Equal("cdc.shop.orders.ChangeEvent", schema.FullName);
        Assert.Equal("cdc.shop.orders.Op", ((AvroEnumSchema)schema.Fields[1].Schema).FullName);
        Assert.Equal("other.Hash", ((AvroFixedSchema)schema.Fields[5].Schema).FullName);
        Assert.Same(schema.Fields[5].Schema, schema.Fields[6].Schema);
        Assert.Same(schema, ((AvroUnionSchema)schema.Fields[7].Schema).Branches[1]);
        Assert.Equal("Plain", ((AvroRecordSchema)schema.Fields[8].Schema).FullName);
    }

    [Fact]
    public void A_short_reference_falls_back_to_the_null_namespace()
    {
        var schema = (AvroRecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"Outer","fields":[
              {"name":"a","type":{"type":"enum","name":"E","symbols":["X"]}},
              {"name":"b","type":{"type":"record","name":"In","namespace":"n","fields":[{"name":"e","type":"E"}]}}]}
            """);

        var inner = (AvroRecordSchema)schema.Fields[1].Schema;
        Assert.Same(schema.Fields[0].Schema, inner.Fields[0].Schema);
        Assert.Equal(schema.ToJson(), AvroSchema.Parse(schema.ToJson()).ToJson());
    }

    [Fact]
    public void A_programmatic_schema_writes_a_repeated_named_type_by_name()
    {
        var hash = new AvroFixedSchema("Hash", "x", 8);
        var equalCopy = new AvroFixedSchema("Hash", "x", 8);
        var record = new AvroRecordSchema("R", "x", [new AvroField("a", hash), new AvroField("b", equalCopy), new AvroField("c", new AvroArraySchema(hash))]);

        Assert.Equal(
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"x\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"fixed\",\"name\":\"Hash\",\"size\":8}},"
            + "{\"name\":\"b\",\"type\":\"Hash\"},{\"name\":\"c\",\"type\":{\"type\":\"array\",\"items\":\"Hash\"}}]}",
            record.ToJson());
        Assert.Equal(
            "{\"name\":\"x.R\",\"type\":\"record\",\"fields\":[{\"name\":\"a\",\"type\":{\"name\":\"x.Hash\",\"type\":\"fixed\",\"size\":8}},"
            + "{\"name\":\"b\",\"type\":\"x.Hash\"},{\"name\":\"c\",\"type\":{\"type\":\"array\",\"items\":\"x.Hash\"}}]}",
            record.ToCanonicalForm());
    }

    [Fact]
    public void A_name_defined_twice_differently_is_an_error_in_both_forms()
    {
        var record = new AvroRecordSchema("R", null, [new AvroField("a", new AvroFixedSchema("H", null, 8)), new AvroField("b", new AvroFixedSchema("H", null, 16))]);

        Assert.Contains("'H' is defined twice", Assert.Throws<AvroException>(record.ToJson).Message, StringComparison.Ordinal);
        Assert.Contains("'H' is defined twice", Assert.Throws<AvroException>(record.ToCanonicalForm).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Programmatic_defaults_and_logical_types_are_written()
    {
        using var nullDefault = JsonDocument.Parse("null");
        var record = new AvroRecordSchema(
            "Event",
            "cdc",
            [
                new AvroField("at", new AvroUnionSchema([AvroPrimitiveSchema.Null, new AvroPrimitiveSchema(AvroType.Long, "timestamp-millis")]), "when", nullDefault.RootElement.Clone()),
                new AvroField("map", new AvroMapSchema(AvroPrimitiveSchema.String)),
            ],
            "doc");

        Assert.Equal(
            "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"cdc\",\"doc\":\"doc\",\"fields\":["
            + "{\"name\":\"at\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"doc\":\"when\",\"default\":null},"
            + "{\"name\":\"map\",\"type\":{\"type\":\"map\",\"values\":\"string\"}}]}",
            record.ToJson());
        Assert.Equal(record.ToJson(), AvroSchema.Parse(record.ToJson()).ToJson());
    }

    [Theory]
    [InlineData("\"string\"", "\"string\"")]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"date\"}", "{\"type\":\"int\",\"logicalType\":\"date\"}")]
    [InlineData("{\"type\":\"string\",\"connect.name\":\"x\"}", "{\"type\":\"string\",\"connect.name\":\"x\"}")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":12,\"logicalType\":\"duration\"}", "{\"type\":\"fixed\",\"name\":\"D\",\"size\":12,\"logicalType\":\"duration\"}")]
    [InlineData("[\"null\",\"string\"]", "[\"null\",\"string\"]")]
    public void Standalone_schemas_write_their_json(string input, string expected)
    {
        Assert.Equal(expected, AvroSchema.Parse(input).ToJson());
    }

    [Fact]
    public void Extra_attributes_on_records_fields_and_collections_survive_a_round_trip()
    {
        const string json = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"array\",\"items\":\"int\",\"x-items\":[1,{\"b\":null}]},\"x-field\":true}],\"x-record\":\"v\"}";

        var schema = AvroSchema.Parse(json);

        Assert.Equal(json, schema.ToJson());
        Assert.Equal("{\"name\":\"R\",\"type\":\"record\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"array\",\"items\":\"int\"}}]}", schema.ToCanonicalForm());
    }

    [Fact]
    public void Absurdly_deep_schema_json_is_an_error_not_a_stack_overflow()
    {
        var json = string.Concat(Enumerable.Repeat("{\"type\":\"array\",\"items\":", 400)) + "\"int\"" + new string('}', 400);

        var error = Assert.Throws<AvroException>(() => AvroSchema.Parse(json));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
