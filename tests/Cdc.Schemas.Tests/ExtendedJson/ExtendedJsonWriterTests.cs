using System.Buffers;
using System.Text.Json;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Tests.Bson;

namespace Cdc.Schemas.Tests.ExtendedJson;

public sealed class ExtendedJsonWriterTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e20, "1.0E+20")]
    [InlineData(1.5e-7, "1.5E-7")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157E+308")]
    [InlineData(5e-324, "5.0E-324")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(999999999999999.0, "999999999999999.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(-9.99, "-9.99")]
    public void Relaxed_doubles_are_shortest_round_trip_numbers_that_stay_doubles(double value, string expected)
    {
        var json = ToJson(w => w.WriteDouble("d", value), ExtendedJsonMode.Relaxed);

        Assert.Equal($$"""{"d":{{expected}}}""", json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(parsed.RootElement.GetProperty("d").GetDouble()));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(double.NaN, "NaN")]
    public void Non_finite_doubles_stay_wrapped_in_relaxed_mode(double value, string expected)
    {
        Assert.Equal($$$"""{"d":{"$numberDouble":"{{{expected}}}"}}""", ToJson(w => w.WriteDouble("d", value), ExtendedJsonMode.Relaxed));
    }

    [Theory]
    [InlineData(0L, """{"$date":"1970-01-01T00:00:00Z"}""")]
    [InlineData(1_356_351_330_000L, """{"$date":"2012-12-24T12:15:30Z"}""")]
    [InlineData(1_356_351_330_500L, """{"$date":"2012-12-24T12:15:30.500Z"}""")]
    [InlineData(1_356_351_330_001L, """{"$date":"2012-12-24T12:15:30.001Z"}""")]
    [InlineData(253_402_300_799_999L, """{"$date":"9999-12-31T23:59:59.999Z"}""")]
    [InlineData(253_402_300_800_000L, """{"$date":{"$numberLong":"253402300800000"}}""")]
    [InlineData(-1L, """{"$date":{"$numberLong":"-1"}}""")]
    [InlineData(951_868_799_999L, """{"$date":"2000-02-29T23:59:59.999Z"}""")]
    public void Relaxed_dates_are_iso_strings_only_for_years_1970_to_9999(long milliseconds, string expected)
    {
        Assert.Equal($$$"""{"t":{{{expected}}}}""", ToJson(w => w.WriteDateTime("t", milliseconds), ExtendedJsonMode.Relaxed));
    }

    [Fact]
    public void Canonical_mode_wraps_every_number_and_date()
    {
        var json = ToJson(
            w =>
            {
                w.WriteInt32("i", -1);
                w.WriteInt64("l", 2);
                w.WriteDouble("d", 1.0);
                w.WriteDateTime("t", 0);
            },
            ExtendedJsonMode.Canonical);

        Assert.Equal("""{"i":{"$numberInt":"-1"},"l":{"$numberLong":"2"},"d":{"$numberDouble":"1.0"},"t":{"$date":{"$numberLong":"0"}}}""", json);
    }

    [Fact]
    public void Relaxed_mode_writes_integers_bare()
    {
        Assert.Equal("""{"i":-1,"l":9223372036854775807}""", ToJson(
            w =>
            {
                w.WriteInt32("i", -1);
                w.WriteInt64("l", long.MaxValue);
            },
            ExtendedJsonMode.Relaxed));
    }

    [Fact]
    public void Strings_escape_quotes_backslashes_and_controls_and_keep_other_utf8_raw()
    {
        var json = ToJson(
            w =>
            {
                w.WriteString("k\"ey", "a\"b\\c\u0001\n\t☆é\u007f/");
                w.WriteInt32("tab\there", 1);
            },
            ExtendedJsonMode.Relaxed);

        Assert.Equal("{\"k\\\"ey\":\"a\\\"b\\\\c\\u0001\\n\\t☆é\u007f/\",\"tab\\there\":1}", json);
    }

    [Fact]
    public void Binary_regex_timestamp_and_keys_are_written_canonically()
    {
        var json = ToJson(
            w =>
            {
                w.WriteBinary("b", 0x80, [0xFF, 0xFE]);
                w.WriteBinary("u", 0x04, Convert.FromHexString("73ffd26444b34c6990e8e7d1dfc035d4"));
                w.WriteRegularExpression("r", "a/b", "xmi");
                w.WriteTimestamp("ts", new BsonTimestamp(4_000_000_000, 1));
                w.WriteObjectId("o", Convert.FromHexString("56e1fc72e0c917e9c4714161"));
                w.WriteDecimal128("n", Decimal128.Parse("-1.50"));
                w.WriteSymbol("s", "sym");
                w.WriteJavaScript("c", "f()");
                w.WriteUndefined("x");
                w.WriteMinKey("mn");
                w.WriteMaxKey("mx");
            },
            ExtendedJsonMode.Relaxed);

        Assert.Equal(
            """{"b":{"$binary":{"base64":"//4=","subType":"80"}},"u":{"$binary":{"base64":"c//SZESzTGmQ6OfR38A11A==","subType":"04"}},"r":{"$regularExpression":{"pattern":"a/b","options":"imx"}},"ts":{"$timestamp":{"t":4000000000,"i":1}},"o":{"$oid":"56e1fc72e0c917e9c4714161"},"n":{"$numberDecimal":"-1.50"},"s":{"$symbol":"sym"},"c":{"$code":"f()"},"x":{"$undefined":true},"mn":{"$minKey":1},"mx":{"$maxKey":1}}""",
            json);
    }

    [Fact]
    public void Write_value_writes_one_element()
    {
        var bson = BsonTestDocuments.Mixed();
        var reader = new BsonReader(bson);
        while (reader.MoveNext() && !reader.Current.NameEquals("address"u8))
        {
        }

        var output = new ArrayBufferWriter<byte>();
        ExtendedJsonWriter.WriteValue(reader.Current, output, ExtendedJsonMode.Relaxed);

        Assert.Equal("""{"street":"1 Main St","city":"Zürich","geo":[8.5417,47.3769]}""", System.Text.Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Writing_a_warm_document_allocates_nothing()
    {
        var bson = BsonTestDocuments.Mixed();
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        ExtendedJsonWriter.WriteDocument(bson, output, ExtendedJsonMode.Relaxed);
        ExtendedJsonWriter.WriteDocument(bson, output, ExtendedJsonMode.Canonical);
        var length = output.WrittenCount;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 500; i++)
        {
            output.ResetWrittenCount();
            ExtendedJsonWriter.WriteDocument(bson, output, ExtendedJsonMode.Relaxed);
            ExtendedJsonWriter.WriteDocument(bson, output, ExtendedJsonMode.Canonical);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(length, output.WrittenCount);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Output_is_valid_json_that_parses_back_to_the_same_bson_in_canonical_mode()
    {
        var bson = BsonTestDocuments.Mixed(stringRepeat: 50);

        var json = ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Canonical);

        Assert.Equal(Convert.ToHexString(bson), Convert.ToHexString(ExtendedJsonParser.ParseDocument(json)));
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_rejected()
    {
        var error = Assert.Throws<BsonFormatException>(() => ExtendedJsonWriter.ToJson(BsonTestDocuments.NestedRaw(BsonLimits.MaxNestingDepth + 1), ExtendedJsonMode.Relaxed));

        Assert.Contains($"nested deeper than {BsonLimits.MaxNestingDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_at_the_limit_is_written()
    {
        var json = ExtendedJsonWriter.ToJson(BsonTestDocuments.Nested(BsonLimits.MaxNestingDepth), ExtendedJsonMode.Relaxed);

        Assert.EndsWith("{\"x\":1" + new string('}', BsonLimits.MaxNestingDepth), json, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_bson_deep_inside_is_rejected_with_its_offset()
    {
        var bson = BsonTestDocuments.Mixed();
        var reader = new BsonReader(bson);
        var boolOffset = -1;
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("active"u8))
            {
                boolOffset = reader.Current.ValueOffset;
            }
        }

        bson[boolOffset] = 7;

        var error = Assert.Throws<BsonFormatException>(() => ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Relaxed));
        Assert.Equal(boolOffset, error.Offset);
    }

    private static string ToJson(Action<BsonWriter> body, ExtendedJsonMode mode)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        body(writer);
        writer.WriteEndDocument();
        return ExtendedJsonWriter.ToJson(writer.WrittenSpan, mode);
    }
}
