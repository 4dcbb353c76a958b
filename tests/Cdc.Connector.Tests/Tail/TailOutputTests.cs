using System.Text.Json;
using Cdc.Cli.Tail;

namespace Cdc.Connector.Tests.Tail;

/// <summary>The two forms `cdc tail` prints a record in: JSON lines for scripts, a header and the value for people.</summary>
public sealed class TailOutputTests
{
    private const string Key = """{"documentKey":"{\"_id\":{\"$oid\":\"64d6582130a4d4b8e4c4a1f0\"}}"}""";
    private const string Value = """{"operationType":"insert","fullDocument":"{\"customer\":\"Zoë\"}"}""";

    private static readonly TailedRecord Insert = new("cdc.shop.orders", 2, 17, 1710268882456, Key, Value, null);

    [Fact]
    public void A_json_line_carries_the_position_the_utc_timestamp_and_the_decoded_key_and_value_as_objects()
    {
        var line = WriteJson(Insert);

        Assert.Equal(
            """{"topic":"cdc.shop.orders","partition":2,"offset":17,"timestamp":"2024-03-12T18:41:22.456Z","key":""" + Key + ""","value":""" + Value + "}",
            line);
        using var parsed = JsonDocument.Parse(line);
        Assert.Equal("insert", parsed.RootElement.GetProperty("value").GetProperty("operationType").GetString());
    }

    [Fact]
    public void A_tombstone_has_a_null_value_and_a_record_without_timestamp_a_null_timestamp()
    {
        var line = WriteJson(Insert with { ValueJson = null, TimestampMs = null });

        Assert.Equal("""{"topic":"cdc.shop.orders","partition":2,"offset":17,"timestamp":null,"key":""" + Key + ""","value":null}""", line);
    }

    [Fact]
    public void A_record_that_does_not_decode_is_a_json_line_with_its_position_and_the_error_instead_of_key_and_value()
    {
        var line = WriteJson(Insert with { KeyJson = null, ValueJson = null, Error = "cannot decode the value: it is not \"framed\"" });

        Assert.Equal(
            """{"topic":"cdc.shop.orders","partition":2,"offset":17,"timestamp":"2024-03-12T18:41:22.456Z","error":"cannot decode the value: it is not \"framed\""}""",
            line);
    }

    [Fact]
    public void Text_shows_a_header_with_the_document_key_then_the_compact_value_indented()
    {
        var (stdout, stderr) = WriteText(Insert);

        Assert.Equal(
            "cdc.shop.orders[2]@17  2024-03-12T18:41:22.456Z  key={\"_id\":{\"$oid\":\"64d6582130a4d4b8e4c4a1f0\"}}" + Environment.NewLine
            + "  " + Value + Environment.NewLine,
            stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Text_says_tombstone_and_shows_any_other_key_as_json()
    {
        var (stdout, _) = WriteText(Insert with { KeyJson = """{"id":7,"region":"eu"}""", ValueJson = null });

        Assert.Equal(
            "cdc.shop.orders[2]@17  2024-03-12T18:41:22.456Z  key={\"id\":7,\"region\":\"eu\"}" + Environment.NewLine + "  null (tombstone)" + Environment.NewLine,
            stdout);
    }

    [Fact]
    public void Text_reports_a_record_that_does_not_decode_on_stderr_with_its_position()
    {
        var (stdout, stderr) = WriteText(Insert with { KeyJson = null, ValueJson = null, Error = "cannot decode the key: it is not Schema Registry framed Avro" });

        Assert.Empty(stdout);
        Assert.Equal("cdc tail: cdc.shop.orders[2]@17: cannot decode the key: it is not Schema Registry framed Avro" + Environment.NewLine, stderr);
    }

    private static string WriteJson(TailedRecord record)
    {
        using var stdout = new StringWriter();
        new JsonTailOutput(stdout).Write(record);
        var text = stdout.ToString();
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
        return Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    private static (string Stdout, string Stderr) WriteText(TailedRecord record)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        new TextTailOutput(stdout, stderr).Write(record);
        return (stdout.ToString(), stderr.ToString());
    }
}
