using static Cdc.Schemas.Tests.TypedValidator.Validators;

namespace Cdc.Schemas.Tests.TypedValidator;

/// <summary>What the converter cannot express, it refuses, naming the keyword and where it is: the caller falls back to inference.</summary>
public sealed class JsonSchemaConverterRefusalTests
{
    [Theory]
    [InlineData("""{"properties": {"attrs": {"bsonType": "object", "patternProperties": {"^x-": {"bsonType": "string"}}}}}""", "patternProperties", "$jsonSchema.properties.attrs")]
    [InlineData("""{"properties": {"a": {"$ref": "#/definitions/a"}}}""", "$ref", "$jsonSchema.properties.a")]
    [InlineData("""{"if": {"properties": {"kind": {"enum": ["b"]}}}, "then": {"required": ["b"]}}""", "if", "$jsonSchema")]
    [InlineData("""{"properties": {"a": {"allOf": [{"bsonType": "string"}, {"maxLength": 3}]}}}""", "allOf", "$jsonSchema.properties.a")]
    [InlineData("""{"properties": {"a": {"not": {"bsonType": "string"}}}}""", "not", "$jsonSchema.properties.a")]
    [InlineData("""{"dependencies": {"card": ["billing"]}}""", "dependencies", "$jsonSchema")]
    [InlineData("""{"properties": {"a": {"bsonType": "string", "format": "email"}}}""", "format", "$jsonSchema.properties.a")]
    [InlineData("""{"properties": {"items": {"bsonType": "array", "items": {"bsonType": "object", "properties": {"x": {"encrypt": {"bsonType": "string"}}}}}}}""", "encrypt", "$jsonSchema.properties.items.items.properties.x")]
    public void A_keyword_the_converter_cannot_express_is_named_with_its_path(string validator, string keyword, string path)
    {
        var refusal = Refusal(validator);

        Assert.Equal((keyword, path), (refusal.Keyword, refusal.Path));
    }

    [Fact]
    public void Pattern_properties_are_refused_with_the_reason_and_the_fallback()
    {
        var refusal = Refusal("""{"properties": {"attrs": {"patternProperties": {"^x-": {"bsonType": "string"}}}}}""");

        Assert.Equal(
            "The validator's $jsonSchema cannot be converted to an Avro schema: 'patternProperties' at $jsonSchema.properties.attrs declares fields by a pattern of their names, which the fixed field names of an Avro record cannot express; the schema is inferred from the documents instead.",
            refusal.Message);
    }

    [Fact]
    public void A_schema_for_undeclared_fields_is_refused_and_true_or_false_are_accepted()
    {
        Record("""{"additionalProperties": true, "properties": {"a": {"additionalProperties": false}}}""");

        var refusal = Refusal("""{"properties": {"a": {"bsonType": "object", "additionalProperties": {"bsonType": "int"}}}}""");

        Assert.Equal(
            "The validator's $jsonSchema cannot be converted to an Avro schema: 'additionalProperties' at $jsonSchema.properties.a is a schema for the fields the validator does not name, which the fixed fields of an Avro record cannot express; use true or false (undeclared fields are then inferred); the schema is inferred from the documents instead.",
            refusal.Message);
    }

    [Fact]
    public void An_alternative_that_declares_fields_is_not_a_simple_type_alternative()
    {
        var refusal = Refusal("""{"properties": {"pay": {"oneOf": [{"bsonType": "object", "properties": {"card": {"bsonType": "string"}}}, {"bsonType": "string"}]}}}""");

        Assert.Equal(("oneOf", "$jsonSchema.properties.pay.oneOf.0"), (refusal.Keyword, refusal.Path));
        Assert.Contains("declares 'properties'; only alternatives that differ in type convert (each a bsonType, type or enum)", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_alternatives_beside_a_declared_type_are_refused_rather_than_intersected()
    {
        var refusal = Refusal("""{"properties": {"a": {"bsonType": "string", "anyOf": [{"bsonType": "int"}, {"bsonType": "string"}]}}}""");

        Assert.Equal("gives type alternatives beside 'bsonType' or 'type' at the same level; give the types in one of them", refusal.Reason);
    }

    [Theory]
    [InlineData("""{"properties": {"n": {"type": "integer"}}}""", "type", "names the type 'integer', which is not one of object, array, number, boolean, string, null")]
    [InlineData("""{"properties": {"n": {"bsonType": "int32"}}}""", "bsonType", "names the type 'int32', which is not one of double, string, object, array, binData, undefined, objectId, bool, date, null, regex, dbPointer, javascript, symbol, javascriptWithScope, int, timestamp, long, decimal, minKey, maxKey, number")]
    [InlineData("""{"properties": {"n": {"bsonType": "int", "type": "number"}}}""", "type", "is given beside 'bsonType'; MongoDB accepts one of them")]
    [InlineData("""{"bsonType": "string"}""", "bsonType", "does not allow an object, but every value of a collection is a document")]
    [InlineData("""{"properties": {"n": {"bsonType": 1}}}""", "bsonType", "must be a type name or a non-empty array of type names")]
    [InlineData("""{"required": "a"}""", "required", "must be an array of field names")]
    [InlineData("""{"properties": {"p": {"bsonType": "array", "items": [{"bsonType": "object"}, {"bsonType": "object"}]}}}""", "items", "declares a document item as an earlier position does, and the items of an Avro array share one such schema")]
    public void Malformed_or_inexpressible_types_are_refused_with_the_reason(string validator, string keyword, string reason)
    {
        var refusal = Refusal(validator);

        Assert.Equal((keyword, reason), (refusal.Keyword, refusal.Reason));
    }

    [Fact]
    public void Two_nested_types_named_alike_by_their_paths_are_refused()
    {
        var refusal = Refusal("""{"properties": {"a": {"bsonType": "timestamp"}, "a_timestamp": {"bsonType": "object"}}}""");

        Assert.Equal(("properties", "$jsonSchema"), (refusal.Keyword, refusal.Path));
        Assert.StartsWith("gives two nested types one full name, which Avro cannot hold (", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains("cdc.shop.orders.Envelope.a_timestamp", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_a_bson_document_are_refused_not_thrown()
    {
        var conversion = Cdc.Schemas.Typed.Validator.JsonSchemaConverter.ForTopic([1, 2, 3], Topic);

        Assert.False(conversion.IsConverted);
        Assert.Equal("$jsonSchema", conversion.Refusal.Keyword);
        Assert.StartsWith("is not a valid BSON document", conversion.Refusal.Reason, StringComparison.Ordinal);
    }
}
