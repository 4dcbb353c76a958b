using System.Buffers;
using Cdc.Schemas.Bson;
using Cdc.Schemas.Typed;
using static Cdc.Schemas.Tests.Typed.TypedTestValues;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>What the writer says when a document does not fit an inferred schema, and what it writes when it does.</summary>
public sealed class TypedValueWriterTests
{
    [Fact]
    public void A_new_type_deep_inside_array_items_is_named_by_its_path_and_bson_type()
    {
        var plan = TypedWritePlan.Compile(Infer("""{"a": [{"b": 1}]}"""), TypedSchemaOrigin.Inferred);

        var (result, _) = Write(plan, ToBson("""{"a": [{"b": 2}, {"b": "x"}]}"""));

        Assert.Equal(TypedMisfit.NoBranchForType, result.Misfit);
        Assert.Equal("a[].b", result.Path);
        Assert.Equal(BsonType.String, result.BsonType);
        Assert.Contains("'a[].b' holds a BSON String", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_field_in_a_nested_record_is_named_by_its_path()
    {
        var plan = TypedWritePlan.Compile(Infer("""{"a": {"b": 1}}"""), TypedSchemaOrigin.Inferred);

        var (result, _) = Write(plan, ToBson("""{"a": {"b": 1, "c": true}}"""));

        Assert.Equal(TypedMisfit.FieldNotInSchema, result.Misfit);
        Assert.Equal("a.c", result.Path);
        Assert.Equal(BsonType.Boolean, result.BsonType);
    }

    [Fact]
    public void A_key_that_occurs_twice_does_not_fit_and_widening_refuses_it()
    {
        var plan = TypedWritePlan.Compile(Infer("""{"a": 1}"""), TypedSchemaOrigin.Inferred);
        byte[] twice = [19, 0, 0, 0, 0x10, (byte)'a', 0, 1, 0, 0, 0, 0x10, (byte)'a', 0, 2, 0, 0, 0, 0];

        var (result, _) = Write(plan, twice);

        Assert.Equal(TypedMisfit.DuplicateField, result.Misfit);
        Assert.Equal("a", result.Path);
        Assert.Throws<TypedSchemaException>(() => TypedSchemaBuilder.Widen(plan.Schema, twice));
    }

    [Fact]
    public void Fields_are_written_in_schema_order_whatever_the_document_order()
    {
        var schema = Infer("""{"a": 1, "b": "x", "c": true}""");
        var plan = TypedWritePlan.Compile(schema, TypedSchemaOrigin.Inferred);

        var inOrder = Write(plan, ToBson("""{"a": 1, "b": "x", "c": true}""")).Payload;
        var shuffled = Write(plan, ToBson("""{"c": true, "a": 1, "b": "x"}""")).Payload;

        Assert.Equal(inOrder, shuffled);
    }

    [Fact]
    public void Rule_6_folding_a_long_is_not_backward_compatible_so_the_registry_check_must_refuse_it()
    {
        // Documented limit of rule 6: a string branch folds into Extended JSON text and Avro still resolves old records
        // (string to string), but the long branch disappears, so a reader with the new schema cannot read a long
        // written with the old one. The ledger's compatibility check refuses such a version: an event error.
        var before = Infer("""{"a": {"$numberLong": "5"}}""");
        var after = TypedSchemaBuilder.Widen(before, ToBson("""{"a": {"$date": {"$numberLong": "6"}}}"""))!;
        var output = new ArrayBufferWriter<byte>();
        Assert.True(new TypedValueWriter().Write(TypedWritePlan.Compile(before, TypedSchemaOrigin.Inferred), Metadata("insert"u8), ToBson("""{"a": {"$numberLong": "5"}}"""), output).Fits);

        Assert.ThrowsAny<global::Avro.AvroException>(() => TypedAvroOracle.Decode(before.ToJson(), output.WrittenSpan.ToArray(), after.ToJson()));
    }

    [Fact]
    public void Two_path_named_types_with_one_name_cannot_be_represented_and_say_so()
    {
        var schema = Infer("""{"a": {"$timestamp": {"t": 1, "i": 2}}}""");

        var error = Assert.Throws<TypedSchemaException>(() => TypedSchemaBuilder.Widen(schema, ToBson("""{"a_timestamp": {"x": 1}}""")));

        Assert.Contains("a_timestamp", error.Message, StringComparison.Ordinal);
        Assert.Contains("dead-letter", error.Message, StringComparison.Ordinal);
    }
}
