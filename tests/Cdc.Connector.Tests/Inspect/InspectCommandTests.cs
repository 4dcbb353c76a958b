using System.Buffers;
using System.Text.Json.Nodes;
using Cdc.Connector.Cli;
using Cdc.Schemas.Avro;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Tests.Inspect;

public sealed class InspectCommandTests : IDisposable
{
    private const string UpdateEvent = """
        {
          "_id": { "_data": "8265F0A1D2000000032B022C0100296E5A1004" },
          "operationType": "update",
          "clusterTime": { "$timestamp": { "t": 1710268882, "i": 3 } },
          "wallTime": { "$date": "2024-03-12T18:41:22.456Z" },
          "ns": { "db": "shop", "coll": "orders" },
          "documentKey": { "_id": { "$oid": "64d6582130a4d4b8e4c4a1f0" } },
          "updateDescription": {
            "updatedFields": { "status": "shipped", "qty": 3, "price": { "$numberDecimal": "9.90" } },
            "removedFields": [ "coupon" ],
            "truncatedArrays": [ { "field": "history", "newSize": 2 } ]
          }
        }
        """;

    private const string DropEvent = """
        { "_id": { "_data": "82AA" }, "operationType": "drop", "clusterTime": { "$timestamp": { "t": 5, "i": 1 } },
          "ns": { "db": "shop", "coll": "orders" } }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("cdc-inspect-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_update_from_stdin_prints_topic_schemas_payloads_and_their_decoded_form()
    {
        var (code, stdout, stderr) = Run(["-"], UpdateEvent);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        var report = JsonNode.Parse(stdout)!;
        Assert.Equal("cdc.shop.orders", report["topic"]!.GetValue<string>());
        Assert.True(report["published"]!.GetValue<bool>());
        Assert.False(report["tombstone"]!.GetValue<bool>());
        Assert.Equal("cdc.shop.orders.Envelope", FullName(report["valueSchema"]!));
        Assert.Equal("cdc.shop.orders.Key", FullName(report["keySchema"]!));

        var keyJson = report["keyJson"]!;
        Assert.Equal("""{"_id":{"$oid":"64d6582130a4d4b8e4c4a1f0"}}""", keyJson["documentKey"]!.GetValue<string>());
        var valueJson = report["valueJson"]!;
        Assert.Equal("8265F0A1D2000000032B022C0100296E5A1004", valueJson["resumeToken"]!.GetValue<string>());
        Assert.Equal(1710268882, valueJson["clusterTime"]!["t"]!.GetValue<long>());
        Assert.Equal(1710268882456, valueJson["wallTime"]!.GetValue<long>());
        Assert.Equal(
            """{"status":"shipped","qty":3,"price":{"$numberDecimal":"9.90"}}""",
            valueJson["updateDescription"]!["updatedFields"]!.GetValue<string>());
        Assert.Equal("history", valueJson["updateDescription"]!["truncatedArrays"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public void The_printed_payloads_are_exactly_what_the_mapper_writes_with_the_run_settings()
    {
        var (_, stdout, _) = Run(["--set", "mapping.json=canonical", "-"], UpdateEvent);
        var report = JsonNode.Parse(stdout)!;

        var mapper = new ChangeEventMapper(new MappingOptions(jsonMode: ExtendedJsonMode.Canonical));
        var key = new ArrayBufferWriter<byte>();
        var value = new ArrayBufferWriter<byte>();
        mapper.Map(ExtendedJsonParser.ParseDocument(UpdateEvent), key, value);

        Assert.Equal(Convert.ToBase64String(key.WrittenSpan), report["key"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(value.WrittenSpan), report["value"]!.GetValue<string>());
        var valueSchema = AvroSchema.Parse(report["valueSchema"]!.ToJsonString());
        Assert.Equal(mapper.Map(ExtendedJsonParser.ParseDocument(UpdateEvent), key, value).ValueSchema.ToCanonicalForm(), valueSchema.ToCanonicalForm());
        Assert.Contains("$numberInt", report["valueJson"]!["updateDescription"]!["updatedFields"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_and_a_config_file_are_read()
    {
        var eventPath = Path.Combine(_directory, "event.json");
        File.WriteAllText(eventPath, DropEvent);
        var configPath = Path.Combine(_directory, "cdc.json");
        File.WriteAllText(configPath, """{ "kafka": { "topicPrefix": "prod", "topics": { "shop.orders": "orders-v2" } } }""");

        var (code, stdout, stderr) = Run(["--config", configPath, eventPath], string.Empty);

        Assert.True(code == 0, stderr);
        var report = JsonNode.Parse(stdout)!;
        Assert.Equal("orders-v2", report["topic"]!.GetValue<string>());
        Assert.Equal("""{"ns":{"db":"shop","coll":"orders"}}""", report["keyJson"]!["documentKey"]!.GetValue<string>());
        Assert.Null(report["valueJson"]!["documentKey"]);
    }

    [Fact]
    public void A_delete_says_a_tombstone_follows()
    {
        var delete = UpdateEvent.Replace("\"update\"", "\"delete\"", StringComparison.Ordinal);
        var (code, stdout, _) = Run(["-"], delete);
        Assert.Equal(0, code);
        Assert.True(JsonNode.Parse(stdout)!["tombstone"]!.GetValue<bool>());
    }

    [Fact]
    public void The_null_key_policy_prints_a_null_key()
    {
        var (code, stdout, _) = Run(["--set", "mapping.keylessEvents=nullKey", "-"], DropEvent);
        Assert.Equal(0, code);
        var report = JsonNode.Parse(stdout)!;
        Assert.Null(report["key"]);
        Assert.Null(report["keyJson"]);
        Assert.NotNull(report["valueJson"]);
    }

    [Fact]
    public void The_skip_policy_says_clearly_that_the_event_is_not_published()
    {
        var (code, stdout, _) = Run(["--set", "mapping.keylessEvents=skip", "-"], DropEvent);
        Assert.Equal(0, code);
        var report = JsonNode.Parse(stdout)!;
        Assert.False(report["published"]!.GetValue<bool>());
        Assert.Contains("not publish", report["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(report["value"]);
        Assert.Null(report["valueJson"]);
    }

    [Theory]
    [InlineData("{ \"operationType\": ", "not a valid Extended JSON")]
    [InlineData("", "empty")]
    [InlineData("{ \"_id\": { \"_data\": \"82\" }, \"operationType\": \"insert\" }", "clusterTime: is missing")]
    public void Bad_input_is_one_clear_line_on_stderr_and_exit_1(string input, string message)
    {
        var (code, stdout, stderr) = Run(["-"], input);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cdc inspect: ", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_exit_1_naming_it()
    {
        var missing = Path.Combine(_directory, "nope.json");
        var (code, _, stderr) = Run([missing], string.Empty);
        Assert.Equal(1, code);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_configuration_is_exit_1_naming_the_key()
    {
        var (code, _, stderr) = Run(["--set", "mapping.json=loose", "-"], UpdateEvent);
        Assert.Equal(1, code);
        Assert.Contains("mapping.json", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--bogus -")]
    [InlineData("a.json b.json")]
    [InlineData("--config")]
    public void Usage_errors_exit_2(string commandLine)
    {
        var (code, stdout, stderr) = Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), UpdateEvent);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("usage: cdc inspect", stderr, StringComparison.Ordinal);
    }

    private static string FullName(JsonNode schema) =>
        schema["namespace"] is { } ns ? $"{ns.GetValue<string>()}.{schema["name"]!.GetValue<string>()}" : schema["name"]!.GetValue<string>();

    private static (int Code, string Stdout, string Stderr) Run(string[] args, string stdin)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = InspectCommand.Run(args, input, output, error, new Dictionary<string, string>());
        return (code, output.ToString(), error.ToString());
    }
}
