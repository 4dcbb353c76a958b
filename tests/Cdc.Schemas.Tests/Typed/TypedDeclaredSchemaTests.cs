using System.Buffers;
using Avro;
using Avro.Generic;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;
using Cdc.Schemas.Typed;
using static Cdc.Schemas.Tests.Typed.TypedTestValues;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>Declared schemas (a user's .avsc of the document record, <c>__cdc</c> added): strict, never coerced.</summary>
public sealed class TypedDeclaredSchemaTests
{
    private const string DeclaredOrder = """
        {"type": "record", "name": "Order", "namespace": "shop", "fields": [
          {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
          {"name": "sku", "type": "string"},
          {"name": "qty", "type": "long"},
          {"name": "status", "type": "string", "default": "new"},
          {"name": "note", "type": ["null", "string"], "default": null}
        ]}
        """;

    private static readonly AvroRecordSchema Schema = TypedValueSchemas.WithMetadata((AvroRecordSchema)AvroSchemaParser.Parse(DeclaredOrder));
    private static readonly TypedWritePlan Plan = TypedWritePlan.Compile(Schema, TypedSchemaOrigin.Declared);

    [Theory]
    [InlineData("12.34", 1234)]
    [InlineData("12.340", 1234)]
    [InlineData("-0.5", -50)]
    [InlineData("1.2E+3", 120000)]
    [InlineData("0E-10", 0)]
    [InlineData("99999999.99", 9999999999)]
    [InlineData("-99999999.99", -9999999999)]
    public void A_decimal128_that_fits_the_declared_decimal_exactly_is_written_as_its_unscaled_value(string text, long unscaled)
    {
        var record = WriteAndDecode($$"""{"price": {"$numberDecimal": "{{text}}"}, "sku": "a", "qty": 1}""");

        var price = (AvroDecimal)record["price"];
        Assert.Equal(unscaled, (long)price.UnscaledValue);
        Assert.Equal(2, price.Scale);
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("100000000.00")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1E-3")]
    [InlineData("1E+100")]
    public void A_decimal128_that_would_need_rounding_or_more_digits_does_not_fit(string text)
    {
        var (result, _) = Write(Plan, ToBson($$"""{"price": {"$numberDecimal": "{{text}}"}, "sku": "a", "qty": 1}"""));

        Assert.Equal(TypedMisfit.DecimalNotExact, result.Misfit);
        Assert.Equal("price", result.Path);
        Assert.Equal(BsonType.Decimal128, result.BsonType);
        Assert.Contains("'price'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_in_a_field_that_is_not_nullable_and_has_no_default_does_not_fit()
    {
        var (result, _) = Write(Plan, ToBson("""{"price": {"$numberDecimal": "1"}, "sku": null, "qty": 1}"""));

        Assert.Equal(TypedMisfit.NullNotAccepted, result.Misfit);
        Assert.Equal("sku", result.Path);
        Assert.Equal(BsonType.Null, result.BsonType);
    }

    [Fact]
    public void A_missing_field_without_a_default_does_not_fit()
    {
        var (result, _) = Write(Plan, ToBson("""{"price": {"$numberDecimal": "1"}, "qty": 1}"""));

        Assert.Equal(TypedMisfit.MissingWithoutDefault, result.Misfit);
        Assert.Equal("sku", result.Path);
    }

    [Fact]
    public void A_missing_or_null_field_with_a_default_gets_the_default_and_a_missing_nullable_field_is_null()
    {
        var missing = WriteAndDecode("""{"price": {"$numberDecimal": "1"}, "sku": "a", "qty": 1}""");
        var nulled = WriteAndDecode("""{"price": {"$numberDecimal": "1"}, "sku": "a", "qty": 1, "status": null}""");

        Assert.Equal("new", missing["status"]);
        Assert.Equal("new", nulled["status"]);
        Assert.Null(missing["note"]);
    }

    [Fact]
    public void A_declared_long_takes_int32_and_int64_but_not_a_double()
    {
        Assert.Equal(7L, WriteAndDecode("""{"price": {"$numberDecimal": "1"}, "sku": "a", "qty": {"$numberInt": "7"}}""")["qty"]);
        Assert.Equal(8L, WriteAndDecode("""{"price": {"$numberDecimal": "1"}, "sku": "a", "qty": {"$numberLong": "8"}}""")["qty"]);

        var (result, _) = Write(Plan, ToBson("""{"price": {"$numberDecimal": "1"}, "sku": "a", "qty": 1.5}"""));

        Assert.Equal(TypedMisfit.NoBranchForType, result.Misfit);
        Assert.Equal("qty", result.Path);
        Assert.Equal(BsonType.Double, result.BsonType);
    }

    [Fact]
    public void A_field_the_declared_schema_does_not_have_does_not_fit_rather_than_being_dropped()
    {
        var (result, _) = Write(Plan, ToBson("""{"price": {"$numberDecimal": "1"}, "sku": "a", "qty": 1, "extra": {"x": 1}}"""));

        Assert.Equal(TypedMisfit.FieldNotInSchema, result.Misfit);
        Assert.Equal("extra", result.Path);
        Assert.Equal(BsonType.Document, result.BsonType);
    }

    [Fact]
    public void A_delete_of_a_declared_schema_with_a_required_field_does_not_fit_and_of_an_inferred_one_is_all_nulls()
    {
        var declared = new TypedValueWriter().WriteDelete(Plan, Metadata(CdcMetadata.DeleteOperation), new ArrayBufferWriter<byte>());
        Assert.Equal(TypedMisfit.MissingWithoutDefault, declared.Misfit);
        Assert.Equal("price", declared.Path);

        var inferred = Infer("""{"a": "x", "b": {"c": 1}}""");
        var output = new ArrayBufferWriter<byte>();
        var result = new TypedValueWriter().WriteDelete(TypedWritePlan.Compile(inferred, TypedSchemaOrigin.Inferred), Metadata(CdcMetadata.DeleteOperation), output);

        Assert.True(result.Fits, result.Message);
        var record = TypedAvroOracle.Decode(inferred.ToJson(), output.WrittenSpan.ToArray());
        Assert.Equal("delete", ((GenericRecord)record["__cdc"])["op"]);
        Assert.Null(record["a"]);
        Assert.Null(record["b"]);
    }

    [Fact]
    public void The_metadata_record_decodes_to_what_was_written()
    {
        var metadata = (GenericRecord)WriteAndDecode("""{"price": {"$numberDecimal": "1"}, "sku": "a", "qty": 1}""")["__cdc"];

        Assert.Equal("insert", metadata["op"]);
        Assert.Equal("shop", metadata["db"]);
        Assert.Equal("orders", metadata["coll"]);
        Assert.Equal("8263A1", metadata["resumeToken"]);
        var clusterTime = (GenericRecord)metadata["clusterTime"];
        Assert.Equal(1_700_000_000L, clusterTime["t"]);
        Assert.Equal(7L, clusterTime["i"]);
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1_700_000_000_123), metadata["wallTime"]);
    }

    [Fact]
    public void An_inferred_schema_read_back_as_json_is_accepted_and_writes_the_same_bytes()
    {
        var inferred = Infer("""{"a": "x", "b": [{"c": {"$oid": "57e193d7a9cc81b4027498b5"}}], "d": {"$timestamp": {"t": 1, "i": 2}}}""");
        var document = ToBson("""{"b": [{"c": {"$oid": "57e193d7a9cc81b4027498b5"}}], "a": "y"}""");

        var accepted = TypedValueSchemas.Accept(inferred.ToJson(), TypedSchemaOrigin.Inferred);

        Assert.Equal(inferred.ToJson(), accepted.Schema.ToJson());
        Assert.Equal(Write(TypedWritePlan.Compile(inferred, TypedSchemaOrigin.Inferred), document).Payload, Write(accepted, document).Payload);
    }

    [Theory]
    [InlineData("""{"type": "record", "name": "V", "fields": [{"name": "a", "type": ["null", "string"], "default": null}]}""", "does not start with the field '__cdc'")]
    [InlineData("\"string\"", "this one is a String")]
    [InlineData("{\"type\": ", "not a valid Avro schema")]
    public void A_schema_that_is_not_a_typed_value_record_is_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<TypedSchemaException>(() => TypedValueSchemas.Accept(json, TypedSchemaOrigin.Inferred));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type": "map", "values": "string"}""", true, "not in the typed-value type table")]
    [InlineData("\"float\"", true, "not in the typed-value type table")]
    [InlineData("\"string\"", false, "inferred schemas make every document field")]
    [InlineData("""["null", {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 1}]""", false, "only declared schemas use decimals")]
    [InlineData("""{"type": "bytes", "logicalType": "decimal", "precision": 40, "scale": 1}""", true, "precision from 1 to 38")]
    [InlineData("""["null", {"type": "string", "mongodb.type": "somethingElse"}]""", true, "not in the typed-value type table")]
    public void A_field_type_outside_what_the_conventions_accept_is_refused_naming_the_field(string fieldType, bool declared, string reason)
    {
        var document = (AvroRecordSchema)AvroSchemaParser.Parse($$"""{"type": "record", "name": "V", "namespace": "n", "fields": [{"name": "f", "type": {{fieldType}}{{(fieldType.StartsWith('[') ? ", \"default\": null" : string.Empty)}}}]}""");

        var error = Assert.Throws<TypedSchemaException>(() => TypedWritePlan.Compile(TypedValueSchemas.WithMetadata(document), declared ? TypedSchemaOrigin.Declared : TypedSchemaOrigin.Inferred));

        Assert.Contains("'f'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type": "record", "name": "V", "namespace": "n", "fields": [{"name": "__cdc", "type": "string"}]}""", "field '__cdc'")]
    [InlineData("""{"type": "record", "name": "V", "namespace": "n", "fields": [{"name": "t", "type": {"type": "record", "name": "ClusterTime", "fields": []}}]}""", "n.ClusterTime")]
    public void A_declared_record_that_clashes_with_the_metadata_is_refused(string declared, string reason)
    {
        var document = (AvroRecordSchema)AvroSchemaParser.Parse(declared);

        var error = Assert.Throws<TypedSchemaException>(() => TypedValueSchemas.WithMetadata(document));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static GenericRecord WriteAndDecode(string document)
    {
        var (result, payload) = Write(Plan, ToBson(document));
        Assert.True(result.Fits, result.Message);
        return TypedAvroOracle.Decode(Schema.ToJson(), payload);
    }
}
