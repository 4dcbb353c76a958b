using System.Text.Json.Nodes;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;

namespace Cdc.Schemas.Tests.Mapping;

public sealed class EnvelopeSchemasTests
{
    [Fact]
    public void Value_fields_follow_the_design_table_in_order()
    {
        var schema = EnvelopeSchemas.ForTopic("cdc.shop.orders").Value;
        string[] expected =
        [
            "resumeToken", "operationType", "clusterTime", "wallTime", "ns", "documentKey", "fullDocument",
            "fullDocumentBeforeChange", "updateDescription", "txnNumber", "lsid", "to", "operationDescription",
        ];
        Assert.Equal(expected, schema.Fields.Select(f => f.Name));
        Assert.Equal("cdc.shop.orders.Envelope", schema.FullName);
    }

    [Fact]
    public void Schema_json_has_the_contract_types_and_null_defaults()
    {
        var json = JsonNode.Parse(EnvelopeSchemas.ForTopic("cdc.shop.orders").Value.ToJson())!;
        var fields = json["fields"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!);

        Assert.Equal("string", fields["resumeToken"]["type"]!.GetValue<string>());
        Assert.Equal("ClusterTime", fields["clusterTime"]["type"]!["name"]!.GetValue<string>());
        var wallTime = fields["wallTime"]["type"]!.AsArray();
        Assert.Equal("null", wallTime[0]!.GetValue<string>());
        Assert.Equal("long", wallTime[1]!["type"]!.GetValue<string>());
        Assert.Equal("timestamp-millis", wallTime[1]!["logicalType"]!.GetValue<string>());
        Assert.Equal("Namespace", fields["ns"]["type"]!["name"]!.GetValue<string>());
        // "to" reuses the Namespace record by name instead of defining it twice.
        Assert.Equal("Namespace", fields["to"]["type"]![1]!.GetValue<string>());
        var update = fields["updateDescription"]["type"]![1]!;
        Assert.Equal("UpdateDescription", update["name"]!.GetValue<string>());
        Assert.Equal("TruncatedArray", update["fields"]![2]!["type"]!["items"]!["name"]!.GetValue<string>());

        foreach (var name in (string[])["wallTime", "documentKey", "fullDocument", "fullDocumentBeforeChange", "updateDescription", "txnNumber", "lsid", "to", "operationDescription"])
        {
            Assert.True(fields[name].AsObject().ContainsKey("default"), name + " has a default");
            Assert.Null(fields[name]["default"]);
            Assert.Equal("null", fields[name]["type"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public void Key_is_one_string_field_named_documentKey()
    {
        var key = EnvelopeSchemas.ForTopic("cdc.shop.orders").Key;
        Assert.Equal("cdc.shop.orders.Key", key.FullName);
        var field = Assert.Single(key.Fields);
        Assert.Equal("documentKey", field.Name);
        Assert.Equal(AvroType.String, field.Schema.Type);
    }

    [Fact]
    public void Topic_parts_that_are_not_avro_names_are_sanitised_into_a_valid_namespace()
    {
        var schemas = EnvelopeSchemas.ForTopic("cdc.my-db.1st.orders_2024");
        var ns = schemas.Value.Namespace!;
        Assert.True(AvroNames.IsValidNamespace(ns), ns);
        Assert.StartsWith("cdc.my_db_", ns, StringComparison.Ordinal);
        Assert.EndsWith(".orders_2024", ns, StringComparison.Ordinal);
        // Distinct topics stay distinct record names.
        Assert.NotEqual(ns, EnvelopeSchemas.ForTopic("cdc.my_db.1st.orders_2024").Value.Namespace);
    }

    [Fact]
    public void Empty_topic_parts_still_give_a_valid_namespace() =>
        Assert.True(AvroNames.IsValidNamespace(EnvelopeSchemas.ForTopic("cdc..x").Value.Namespace!));

    [Fact]
    public void The_schemas_parse_back_to_the_same_canonical_form()
    {
        var schemas = EnvelopeSchemas.ForTopic("cdc.shop.orders");
        Assert.Equal(schemas.Value.ToCanonicalForm(), AvroSchema.Parse(schemas.Value.ToJson()).ToCanonicalForm());
        Assert.Equal(schemas.Key.ToCanonicalForm(), AvroSchema.Parse(schemas.Key.ToJson()).ToCanonicalForm());
    }
}
