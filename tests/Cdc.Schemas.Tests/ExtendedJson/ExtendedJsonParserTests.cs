using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Tests.ExtendedJson;

public sealed class ExtendedJsonParserTests
{
    [Theory]
    [InlineData("""{"n":2147483647}""", (byte)BsonType.Int32)]
    [InlineData("""{"n":-2147483648}""", (byte)BsonType.Int32)]
    [InlineData("""{"n":2147483648}""", (byte)BsonType.Int64)]
    [InlineData("""{"n":9223372036854775807}""", (byte)BsonType.Int64)]
    [InlineData("""{"n":9223372036854775808}""", (byte)BsonType.Double)]
    [InlineData("""{"n":1.0}""", (byte)BsonType.Double)]
    [InlineData("""{"n":1e2}""", (byte)BsonType.Double)]
    public void Relaxed_numbers_take_the_narrowest_fitting_type(string json, byte expected)
    {
        var reader = new BsonReader(ExtendedJsonParser.ParseDocument(json));
        reader.MoveNext();

        Assert.Equal((BsonType)expected, reader.Current.Type);
    }

    [Theory]
    [InlineData("""{"t":{"$date":"2012-12-24T12:15:30.501Z"}}""", 1_356_351_330_501L)]
    [InlineData("""{"t":{"$date":"2012-12-24T13:15:30.501+01:00"}}""", 1_356_351_330_501L)]
    [InlineData("""{"t":{"$date":"2012-12-24T13:15:30.501+0100"}}""", 1_356_351_330_501L)]
    [InlineData("""{"t":{"$date":"1970-01-01T00:00:00Z"}}""", 0L)]
    [InlineData("""{"t":{"$date":{"$numberLong":"-5"}}}""", -5L)]
    public void Dates_parse_from_iso_strings_and_number_long(string json, long expected)
    {
        var reader = new BsonReader(ExtendedJsonParser.ParseDocument(json));
        reader.MoveNext();

        Assert.Equal(expected, reader.Current.GetDateTime());
    }

    [Fact]
    public void Legacy_binary_and_regex_forms_are_accepted()
    {
        var bson = ExtendedJsonParser.ParseDocument("""{"b":{"$binary":"//8=","$type":"80"},"r":{"$regex":"a+","$options":"mi"},"u":{"$uuid":"73ffd264-44b3-4c69-90e8-e7d1dfc035d4"}}""");

        Assert.Equal(
            """{"b":{"$binary":{"base64":"//8=","subType":"80"}},"r":{"$regularExpression":{"pattern":"a+","options":"im"}},"u":{"$binary":{"base64":"c//SZESzTGmQ6OfR38A11A==","subType":"04"}}}""",
            ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Relaxed));
    }

    [Fact]
    public void Query_operator_lookalikes_stay_documents()
    {
        var bson = ExtendedJsonParser.ParseDocument("""{"a":{"$type":"string"},"b":{"$regex":"x"},"c":{"$ref":"coll","$id":1}}""");

        Assert.Equal("""{"a":{"$type":"string"},"b":{"$regex":"x"},"c":{"$ref":"coll","$id":1}}""", ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Relaxed));
    }

    [Theory]
    [InlineData("", "Not valid JSON")]
    [InlineData("[1,2]", "top level")]
    [InlineData("\"text\"", "top level")]
    [InlineData("{\"a\":", "Not valid JSON (line 1")]
    [InlineData("{\"a\":1} {}", "Not valid JSON (line 1, byte 9)")]
    [InlineData("""{"a":{"b":{"$oid":"123"}}}""", "$.a.b.$oid")]
    [InlineData("""{"a":[0,{"$numberInt":"x"}]}""", "$.a[1].$numberInt")]
    [InlineData("""{"a":{"$numberInt":"2147483648"}}""", "not a 32-bit integer")]
    [InlineData("""{"a":{"$numberDouble":"1,5"}}""", "not a double")]
    [InlineData("""{"a":{"$date":"2012-12-24T12:15:30"}}""", "with a time zone")]
    [InlineData("""{"a":{"$binary":{"base64":"!!","subType":"00"}}}""", "not valid base64")]
    [InlineData("""{"a":{"$binary":{"base64":"","subType":"100"}}}""", "one or two hex digits")]
    [InlineData("""{"a":{"$timestamp":{"t":-1,"i":0}}}""", "$.a.$timestamp.t")]
    [InlineData("""{"a":1e400}""", "outside the range of a double")]
    [InlineData("""{"a":{"$numberDecimal":"1..2"}}""", "more than one decimal point")]
    public void Invalid_input_is_rejected_naming_where_and_why(string json, string expected)
    {
        var error = Assert.Throws<ExtendedJsonException>(() => ExtendedJsonParser.ParseDocument(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_its_position_once_one_based()
    {
        var error = Assert.Throws<ExtendedJsonException>(() => ExtendedJsonParser.ParseDocument("{\"a\":1,\n}"));

        Assert.StartsWith("Not valid JSON (line 2, byte 1): ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xE9, (byte)'"', (byte)'}' }, "string at byte 5")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, "key at byte 1")]
    public void Invalid_utf8_is_rejected_with_its_position(byte[] json, string expected)
    {
        var error = Assert.Throws<ExtendedJsonException>(() => ExtendedJsonParser.ParseDocument(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpaired_surrogate_escape_is_rejected()
    {
        var error = Assert.Throws<ExtendedJsonException>(() => ExtendedJsonParser.ParseDocument("""{"a":"x\ud800y"}"""));

        Assert.Contains("unpaired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_rejected()
    {
        var depth = BsonLimits.MaxNestingDepth + 1;
        var json = string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);

        var error = Assert.Throws<ExtendedJsonException>(() => ExtendedJsonParser.ParseDocument(json));

        Assert.Contains($"nested deeper than {BsonLimits.MaxNestingDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_json_nesting_is_rejected_without_overflowing_the_stack()
    {
        var json = new string('[', 100_000);

        Assert.Throws<ExtendedJsonException>(() => ExtendedJsonParser.ParseDocument("{\"a\":" + json));
    }

    [Fact]
    public void Nesting_at_the_limit_is_accepted()
    {
        var depth = BsonLimits.MaxNestingDepth;
        var json = string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);

        var bson = ExtendedJsonParser.ParseDocument(json);

        Assert.Equal(json, ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Relaxed));
    }
}
