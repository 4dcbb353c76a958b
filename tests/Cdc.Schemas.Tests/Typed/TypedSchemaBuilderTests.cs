using Cdc.Schemas.Avro;
using Cdc.Schemas.Typed;
using static Cdc.Schemas.Tests.Typed.TypedTestValues;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>Inference and widening (docs/typed-values.md, rules 1–7), checked on the schema JSON and by round trips.</summary>
public sealed class TypedSchemaBuilderTests
{
    private const string ExtendedJsonBranch = "{\"type\":\"string\",\"mongodb.type\":\"extendedJson\"}";

    [Fact]
    public void Schema_of_a_document_starts_with_the_metadata_and_makes_every_field_nullable_in_document_order()
    {
        var schema = Infer("""{"b": "x", "a": {"$numberInt": "1"}, "n": null}""");

        Assert.Equal(["__cdc", "b", "a", "n"], schema.Fields.Select(f => f.Name));
        Assert.Equal(CdcMetadataSchema.For(Namespace).ToCanonicalForm(), schema.Fields[0].Schema.ToCanonicalForm());
        Assert.Equal("""["null","string"]""", Type(schema, "b"));
        Assert.Equal("""["null","int"]""", Type(schema, "a"));
        Assert.Equal("""["null"]""", Type(schema, "n"));
        Assert.All(schema.Fields.Skip(1), f => Assert.Equal(System.Text.Json.JsonValueKind.Null, f.DefaultValue!.Value.ValueKind));
    }

    [Fact]
    public void Type_table_branches_carry_mongodb_type_where_avro_alone_does_not_say_it()
    {
        var schema = Infer("""
            {"oid": {"$oid": "57e193d7a9cc81b4027498b5"}, "dec": {"$numberDecimal": "1.5"}, "d": {"$date": {"$numberLong": "5"}},
             "u": {"$binary": {"base64": "c//SZESzTGmQ6OfR38A11A==", "subType": "04"}}, "b": {"$binary": {"base64": "AQI=", "subType": "00"}},
             "o": {"$binary": {"base64": "AQI=", "subType": "80"}}, "ts": {"$timestamp": {"t": 1, "i": 2}},
             "re": {"$regularExpression": {"pattern": "a", "options": "i"}}, "mk": {"$minKey": 1}, "l": {"$numberLong": "3"}, "f": true}
            """);

        Assert.Equal("""["null",{"type":"string","mongodb.type":"objectId"}]""", Type(schema, "oid"));
        Assert.Equal("""["null",{"type":"string","mongodb.type":"decimal128"}]""", Type(schema, "dec"));
        Assert.Equal("""["null",{"type":"long","logicalType":"timestamp-millis"}]""", Type(schema, "d"));
        Assert.Equal("""["null",{"type":"string","logicalType":"uuid","mongodb.type":"uuid"}]""", Type(schema, "u"));
        Assert.Equal("""["null","bytes"]""", Type(schema, "b"));
        Assert.Equal($"""["null",{ExtendedJsonBranch}]""", Type(schema, "o"));
        Assert.Equal("""["null",{"type":"record","name":"ts_timestamp","namespace":"cdc.shop.orders.Value","fields":[{"name":"t","type":"long"},{"name":"i","type":"long"}],"mongodb.type":"timestamp"}]""", Type(schema, "ts"));
        Assert.Equal("""["null",{"type":"record","name":"re_regex","namespace":"cdc.shop.orders.Value","fields":[{"name":"pattern","type":"string"},{"name":"options","type":"string"}],"mongodb.type":"regex"}]""", Type(schema, "re"));
        Assert.Equal($"""["null",{ExtendedJsonBranch}]""", Type(schema, "mk"));
        Assert.Equal("""["null","long"]""", Type(schema, "l"));
        Assert.Equal("""["null","boolean"]""", Type(schema, "f"));
    }

    [Fact]
    public void A_document_that_fits_leaves_the_schema_unchanged()
    {
        var schema = Infer("""{"a": "x", "b": {"c": [1, 2]}}""");

        Assert.Null(TypedSchemaBuilder.Widen(schema, ToBson("""{"b": {"c": []}, "a": null}""")));
        Assert.Null(TypedSchemaBuilder.Widen(schema, ToBson("{}")));
    }

    [Fact]
    public void A_new_field_is_appended_nullable_and_the_old_fields_keep_their_place()
    {
        var first = Infer("""{"a": "x", "b": true}""");

        var widened = TypedSchemaBuilder.Widen(first, ToBson("""{"c": 1.5, "a": "y"}"""));

        Assert.NotNull(widened);
        Assert.Equal(["__cdc", "a", "b", "c"], widened.Fields.Select(f => f.Name));
        Assert.Equal("""["null","double"]""", Type(widened, "c"));
        Assert.Equal(Type(first, "a"), Type(widened, "a"));
    }

    [Fact]
    public void A_new_bson_type_appends_a_union_branch_in_the_order_first_seen()
    {
        var schema = Infer("""{"a": {"$numberInt": "1"}}""", """{"a": "x"}""", """{"a": {"$numberLong": "2"}}""", """{"a": {"$numberInt": "3"}}""");

        // int32 and int64 stay two branches: promoting one to the other would lose the BSON type (rule 7).
        Assert.Equal("""["null","int","string","long"]""", Type(schema, "a"));
        Assert.Equal("""{"a":{"$numberLong":"2"}}""", RoundTrip(schema, """{"a": {"$numberLong": "2"}}"""));
        Assert.Equal("""{"a":{"$numberInt":"3"}}""", RoundTrip(schema, """{"a": {"$numberInt": "3"}}"""));
    }

    [Fact]
    public void Nested_records_widen_in_place_and_are_named_by_their_path()
    {
        var schema = Infer("""{"a": {"x": 1}}""", """{"a": {"y": "s", "z": {"w": true}}}""");

        Assert.Equal(
            """["null",{"type":"record","name":"a","namespace":"cdc.shop.orders.Value","fields":[{"name":"x","type":["null","int"],"default":null},{"name":"y","type":["null","string"],"default":null},{"name":"z","type":["null",{"type":"record","name":"z","namespace":"cdc.shop.orders.Value.a","fields":[{"name":"w","type":["null","boolean"],"default":null}]}],"default":null}]}]""",
            Type(schema, "a"));
        Assert.Equal("""{"a":{"x":null,"y":"s","z":{"w":true}}}""", RoundTrip(schema, """{"a": {"y": "s", "z": {"w": true}}}"""));
    }

    [Fact]
    public void An_array_seen_empty_has_null_items_until_an_item_widens_them()
    {
        var empty = Infer("""{"a": []}""");
        Assert.Equal("""["null",{"type":"array","items":"null"}]""", Type(empty, "a"));

        var widened = TypedSchemaBuilder.Widen(empty, ToBson("""{"a": [1, 2]}"""))!;

        Assert.Equal("""["null",{"type":"array","items":["null","int"]}]""", Type(widened, "a"));
        Assert.Equal("""{"a":[{"$numberInt":"1"},{"$numberInt":"2"}]}""", RoundTrip(widened, """{"a": [1, 2]}"""));
        Assert.Equal("""{"a":[]}""", RoundTrip(widened, """{"a": []}"""));
    }

    [Fact]
    public void Mixed_array_items_are_a_union_in_the_order_first_seen_with_null_only_once_seen()
    {
        var schema = Infer("""{"a": [1, "x", 2.5]}""");
        Assert.Equal("""["null",{"type":"array","items":["int","string","double"]}]""", Type(schema, "a"));

        var withNull = TypedSchemaBuilder.Widen(schema, ToBson("""{"a": ["y", null]}"""))!;

        Assert.Equal("""["null",{"type":"array","items":["int","string","double","null"]}]""", Type(withNull, "a"));
        Assert.Equal("""{"a":["y",null,{"$numberInt":"4"}]}""", RoundTrip(withNull, """{"a": ["y", null, 4]}"""));
    }

    [Fact]
    public void Arrays_of_documents_merge_every_item_into_one_item_record()
    {
        var schema = Infer("""{"lines": [{"sku": "a", "qty": 1}, {"sku": "b", "note": "gift"}]}""", """{"lines": [[{"deep": true}]]}""");

        var lines = Type(schema, "lines");
        Assert.Contains("""{"type":"record","name":"lines_item","namespace":"cdc.shop.orders.Value","fields":[{"name":"sku","type":["null","string"],"default":null},{"name":"qty","type":["null","int"],"default":null},{"name":"note","type":["null","string"],"default":null}]}""", lines, StringComparison.Ordinal);
        Assert.Contains("""{"type":"array","items":[{"type":"record","name":"lines_item_item","namespace":"cdc.shop.orders.Value","fields":[{"name":"deep","type":["null","boolean"],"default":null}]}]}""", lines, StringComparison.Ordinal);
        Assert.Equal(
            """{"lines":[{"sku":"a","qty":{"$numberInt":"1"},"note":null},{"sku":"b","qty":null,"note":"gift"}]}""",
            RoundTrip(schema, """{"lines": [{"sku": "a", "qty": 1}, {"sku": "b", "note": "gift"}]}"""));
    }

    [Fact]
    public void Rule_6_string_then_objectId_makes_the_string_branch_extended_json_for_both()
    {
        var schema = Infer("""{"a": "x", "b": 1}""", """{"a": {"$oid": "57e193d7a9cc81b4027498b5"}}""");

        Assert.Equal($"""["null",{ExtendedJsonBranch}]""", Type(schema, "a"));
        Assert.Equal("""{"a":"x","b":null}""", RoundTrip(schema, """{"a": "x"}"""));
        Assert.Equal("""{"a":{"$oid":"57e193d7a9cc81b4027498b5"},"b":null}""", RoundTrip(schema, """{"a": {"$oid": "57e193d7a9cc81b4027498b5"}}"""));
    }

    [Fact]
    public void Rule_6_long_then_date_folds_the_long_and_transitively_the_string_branch_into_extended_json()
    {
        var schema = Infer("""{"a": "x"}""", """{"a": true}""", """{"a": {"$numberLong": "5"}}""", """{"a": {"$date": {"$numberLong": "6"}}}""");

        Assert.Equal($"""["null",{ExtendedJsonBranch},"boolean"]""", Type(schema, "a"));
        Assert.Equal("""{"a":{"$numberLong":"5"}}""", RoundTrip(schema, """{"a": {"$numberLong": "5"}}"""));
        Assert.Equal("""{"a":{"$date":{"$numberLong":"6"}}}""", RoundTrip(schema, """{"a": {"$date": {"$numberLong": "6"}}}"""));
        Assert.Equal("""{"a":"x"}""", RoundTrip(schema, """{"a": "x"}"""));

        // Once folded, a long-typed value goes to the Extended JSON branch: the long branch does not come back.
        Assert.Null(TypedSchemaBuilder.Widen(schema, ToBson("""{"a": {"$numberLong": "7"}}""")));
    }

    [Theory]
    [InlineData("a-b")]
    [InlineData("$x")]
    [InlineData("1x")]
    [InlineData("café")]
    [InlineData("__cdc")]
    [InlineData("")]
    public void Names_that_are_not_avro_names_are_sanitised_and_keep_the_original_in_mongodb_name(string original)
    {
        var name = System.Text.Json.JsonSerializer.Serialize(original);
        var document = "{" + name + ": {" + name + ": \"v\"}}";

        var schema = Infer(document);

        var field = schema.Fields[1];
        Assert.NotEqual(original, field.Name);
        Assert.True(AvroNames.IsValidName(field.Name));
        Assert.NotEqual("__cdc", field.Name);
        Assert.Equal(original, TypedNames.OriginalName(field));
        Assert.Contains($"\"mongodb.name\":{System.Text.Json.JsonSerializer.Serialize(original, Options)}", schema.ToJson(), StringComparison.Ordinal);
        Assert.Equal(Compact(document), RoundTrip(schema, document));
    }

    [Fact]
    public void The_same_documents_give_the_same_schema_json()
    {
        string[] documents = ["""{"a": 1}""", """{"b": [{"c": "x"}], "a": "y"}""", """{"a": {"$oid": "57e193d7a9cc81b4027498b5"}, "b": []}"""];

        Assert.Equal(Infer(documents).ToJson(), Infer(documents).ToJson());
    }

    [Fact]
    public void A_document_with_a_key_twice_cannot_be_represented_and_says_so()
    {
        // Extended JSON cannot hold a key twice, so the BSON is built by hand: {"a": 1, "a": 2}.
        byte[] twice = [19, 0, 0, 0, 0x10, (byte)'a', 0, 1, 0, 0, 0, 0x10, (byte)'a', 0, 2, 0, 0, 0, 0];

        var error = Assert.Throws<TypedSchemaException>(() => TypedSchemaBuilder.FromDocument(Name, Namespace, twice));

        Assert.Contains("'a' twice", error.Message, StringComparison.Ordinal);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Type(AvroRecordSchema schema, string original) =>
        schema.Fields.Single(f => TypedNames.OriginalName(f) == original).Schema.ToJson();

    private static string Compact(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString();
}
