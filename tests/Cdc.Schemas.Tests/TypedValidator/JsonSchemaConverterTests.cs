using Cdc.Schemas.Avro;
using static Cdc.Schemas.Tests.TypedValidator.Validators;

namespace Cdc.Schemas.Tests.TypedValidator;

/// <summary>Issue 19: a collection's $jsonSchema validator becomes the typed value's document record by the shared conventions.</summary>
public sealed class JsonSchemaConverterTests
{
    [Fact]
    public void An_orders_validator_gives_nullable_fields_in_declaration_order_with_line_items_and_a_renamed_nested_address()
    {
        var record = Record("""
            {
              "bsonType": "object",
              "title": "Order",
              "description": "An order of the shop",
              "required": ["_id", "customerId", "status", "items", "total"],
              "additionalProperties": false,
              "properties": {
                "_id": {"bsonType": "objectId"},
                "customerId": {"bsonType": "objectId", "description": "The customer who placed it"},
                "status": {"enum": ["pending", "paid", "shipped", "cancelled"]},
                "placedAt": {"bsonType": "date"},
                "items": {
                  "bsonType": "array", "minItems": 1,
                  "items": {
                    "bsonType": "object", "required": ["sku", "qty", "price"],
                    "properties": {
                      "sku": {"bsonType": "string", "pattern": "^[A-Z]{3}-[0-9]+$"},
                      "qty": {"bsonType": "int", "minimum": 1},
                      "price": {"bsonType": "decimal"}
                    }
                  }
                },
                "total": {"bsonType": "decimal"},
                "note": {"bsonType": ["string", "null"], "maxLength": 500},
                "discount": {"bsonType": "number"},
                "shipping-address": {
                  "bsonType": "object",
                  "properties": {
                    "street": {"bsonType": "string"},
                    "geo": {"bsonType": "object", "properties": {"lat": {"bsonType": "double"}}}
                  }
                }
              }
            }
            """);

        var address = AvroNames.Sanitize("shipping-address");
        Assert.NotEqual("shipping-address", address);
        AssertSchema($$"""
            {"type": "record", "name": "Envelope", "namespace": "cdc.shop.orders", "doc": "Order: An order of the shop", "fields": [
              {"name": "_id", "type": ["null", {"type": "string", "mongodb.type": "objectId"}], "default": null},
              {"name": "customerId", "type": ["null", {"type": "string", "mongodb.type": "objectId"}], "doc": "The customer who placed it", "default": null},
              {"name": "status", "type": ["null", "string"], "default": null},
              {"name": "placedAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null},
              {"name": "items", "type": ["null", {"type": "array", "items": [
                {"type": "record", "name": "items_item", "namespace": "cdc.shop.orders.Envelope", "fields": [
                  {"name": "sku", "type": ["null", "string"], "default": null},
                  {"name": "qty", "type": ["null", "int"], "default": null},
                  {"name": "price", "type": ["null", {"type": "string", "mongodb.type": "decimal128"}], "default": null}]}]}], "default": null},
              {"name": "total", "type": ["null", {"type": "string", "mongodb.type": "decimal128"}], "default": null},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "discount", "type": ["null", "int", "long", "double", {"type": "string", "mongodb.type": "decimal128"}], "default": null},
              {"name": "{{address}}", "type": ["null",
                {"type": "record", "name": "{{address}}", "namespace": "cdc.shop.orders.Envelope", "fields": [
                  {"name": "street", "type": ["null", "string"], "default": null},
                  {"name": "geo", "type": ["null", {"type": "record", "name": "geo", "namespace": "cdc.shop.orders.Envelope.{{address}}", "fields": [
                    {"name": "lat", "type": ["null", "double"], "default": null}]}], "default": null}]}],
               "default": null, "mongodb.name": "shipping-address"}]}
            """, record);
    }

    [Fact]
    public void A_customers_validator_converts_json_types_tags_timestamps_regexes_binaries_and_an_array_of_addresses()
    {
        var record = Record("""
            {
              "type": "object",
              "required": ["email"],
              "properties": {
                "email": {"type": "string", "title": "Primary e-mail"},
                "vip": {"type": "boolean"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "addresses": {"type": "array", "items": {"type": ["object", "null"], "properties": {"city": {"type": "string"}, "zip": {"bsonType": ["string", "int"]}}}},
                "matrix": {"bsonType": "array", "items": {"bsonType": "array", "items": {"bsonType": "timestamp"}}},
                "audit": {"bsonType": "timestamp"},
                "match": {"bsonType": "regex"},
                "photo": {"bsonType": "binData"},
                "sentinel": {"bsonType": ["minKey", "maxKey"]},
                "score": {"bsonType": ["long", "null"]},
                "extra": {"description": "Anything"},
                "notes": {"bsonType": "array"}
              }
            }
            """);

        AssertSchema("""
            {"type": "record", "name": "Envelope", "namespace": "cdc.shop.orders", "fields": [
              {"name": "email", "type": ["null", "string"], "doc": "Primary e-mail", "default": null},
              {"name": "vip", "type": ["null", "boolean"], "default": null},
              {"name": "tags", "type": ["null", {"type": "array", "items": ["string"]}], "default": null},
              {"name": "addresses", "type": ["null", {"type": "array", "items": ["null",
                {"type": "record", "name": "addresses_item", "namespace": "cdc.shop.orders.Envelope", "fields": [
                  {"name": "city", "type": ["null", "string"], "default": null},
                  {"name": "zip", "type": ["null", "string", "int"], "default": null}]}]}], "default": null},
              {"name": "matrix", "type": ["null", {"type": "array", "items": [{"type": "array", "items": [
                {"type": "record", "name": "matrix_item_item_timestamp", "namespace": "cdc.shop.orders.Envelope", "mongodb.type": "timestamp", "fields": [
                  {"name": "t", "type": "long"}, {"name": "i", "type": "long"}]}]}]}], "default": null},
              {"name": "audit", "type": ["null", {"type": "record", "name": "audit_timestamp", "namespace": "cdc.shop.orders.Envelope", "mongodb.type": "timestamp", "fields": [
                {"name": "t", "type": "long"}, {"name": "i", "type": "long"}]}], "default": null},
              {"name": "match", "type": ["null", {"type": "record", "name": "match_regex", "namespace": "cdc.shop.orders.Envelope", "mongodb.type": "regex", "fields": [
                {"name": "pattern", "type": "string"}, {"name": "options", "type": "string"}]}], "default": null},
              {"name": "photo", "type": ["null", "bytes"], "default": null},
              {"name": "sentinel", "type": ["null", {"type": "string", "mongodb.type": "extendedJson"}], "default": null},
              {"name": "score", "type": ["null", "long"], "default": null},
              {"name": "extra", "type": ["null"], "doc": "Anything", "default": null},
              {"name": "notes", "type": ["null", {"type": "array", "items": "null"}], "default": null}]}
            """, record);
    }

    [Theory]
    [InlineData("""["string", "objectId"]""", """[{"type": "string", "mongodb.type": "extendedJson"}]""")]
    [InlineData("""["int", "long", "date"]""", """["int", {"type": "string", "mongodb.type": "extendedJson"}]""")]
    [InlineData("""["long", "date", "string"]""", """[{"type": "string", "mongodb.type": "extendedJson"}]""")]
    [InlineData("""["bool", "string", "number"]""", """["boolean", {"type": "string", "mongodb.type": "extendedJson"}, "int", "long", "double"]""")]
    [InlineData("""["decimal", "javascript"]""", """[{"type": "string", "mongodb.type": "extendedJson"}]""")]
    [InlineData("""["double", "string", "string"]""", """["double", "string"]""")]
    public void Types_whose_branches_would_share_an_avro_kind_share_one_extended_json_branch(string bsonTypes, string expectedBranches)
    {
        var record = Record("""{"properties": {"v": {"bsonType": """ + bsonTypes + "}}}");

        var union = Assert.IsType<AvroUnionSchema>(Assert.Single(record.Fields).Schema);
        var expected = (AvroUnionSchema)AvroSchema.Parse($"""["null", {expectedBranches[1..]}""");
        Assert.Equal(expected.ToJson(), union.ToJson());
    }

    [Fact]
    public void Simple_type_alternatives_become_branches_and_required_only_alternatives_change_nothing()
    {
        var record = Record("""
            {"bsonType": "object",
             "anyOf": [{"required": ["phone"]}, {"required": ["email"]}],
             "properties": {
               "phone": {"oneOf": [{"bsonType": "string", "pattern": "^[+0-9 ]+$"}, {"bsonType": "long"}]},
               "email": {"anyOf": [{"enum": ["none"]}, {"bsonType": "string"}, {"enum": [null]}]},
               "level": {"enum": [1, 2, {"$numberLong": "3"}, null]}
             }}
            """);

        AssertSchema("""
            {"type": "record", "name": "Envelope", "namespace": "cdc.shop.orders", "fields": [
              {"name": "phone", "type": ["null", "string", "long"], "default": null},
              {"name": "email", "type": ["null", "string"], "default": null},
              {"name": "level", "type": ["null", "int", "long"], "default": null}]}
            """, record);
    }

    [Fact]
    public void A_field_named_like_the_metadata_record_gets_a_hashed_name_and_keeps_its_original_at_any_depth()
    {
        var record = Record("""{"properties": {"__cdc": {"bsonType": "string"}, "nested": {"properties": {"__cdc": {"bsonType": "int"}}}}}""");

        var renamed = record.Fields[0];
        Assert.Matches("^__cdc_[0-9a-f]{8}$", renamed.Name);
        var original = Assert.Single(renamed.Properties);
        Assert.Equal(("mongodb.name", "__cdc"), (original.Key, original.Value.GetString()));
        // The same name inside a nested record: the inference names document fields alike at every depth.
        var nested = Assert.IsType<AvroRecordSchema>(((AvroUnionSchema)record.Fields[1].Schema).Branches[1]);
        Assert.Equal(renamed.Name, Assert.Single(nested.Fields).Name);
    }

    [Fact]
    public void Tuple_items_give_the_union_of_their_positions()
    {
        var record = Record("""{"properties": {"point": {"bsonType": "array", "items": [{"bsonType": "double"}, {"bsonType": "double"}, {"bsonType": ["string", "null"]}], "additionalItems": false}}}""");

        AssertSchema("""["null", {"type": "array", "items": ["null", "double", "string"]}]""", record.Fields[0].Schema);
    }

    [Fact]
    public void An_empty_validator_gives_an_empty_record_left_to_widening()
    {
        var record = Record("{}");

        Assert.Equal("cdc.shop.orders.Envelope", record.FullName);
        Assert.Empty(record.Fields);
    }
}
