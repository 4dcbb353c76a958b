using System.Buffers;
using System.Text.Json.Nodes;
using Cdc.Cli;
using Cdc.Schemas.Avro;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Tests.Cli;

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
    public void A_snapshot_row_maps_to_the_key_and_topic_an_insert_of_the_same_document_gets()
    {
        const string document = """{ "_id": { "$oid": "64d6582130a4d4b8e4c4a1f0" }, "qty": 3, "total": { "$numberDecimal": "44.98" } }""";
        var (snapshotCode, snapshotOut, snapshotErr) = Run(["-"], $$"""{ "operationType": "snapshot", "ns": { "db": "shop", "coll": "orders" }, "fullDocument": {{document}} }""");
        var (insertCode, insertOut, _) = Run(["-"], $$"""
            { "_id": { "_data": "8265F0A1D2000000012B042C0100296E5A1004" }, "operationType": "insert",
              "clusterTime": { "$timestamp": { "t": 1710268882, "i": 1 } }, "ns": { "db": "shop", "coll": "orders" },
              "documentKey": { "_id": { "$oid": "64d6582130a4d4b8e4c4a1f0" } }, "fullDocument": {{document}} }
            """);

        Assert.Equal(0, snapshotCode);
        Assert.Equal(0, insertCode);
        Assert.Equal(string.Empty, snapshotErr);
        var snapshot = JsonNode.Parse(snapshotOut)!;
        var insert = JsonNode.Parse(insertOut)!;
        Assert.Equal(insert["topic"]!.GetValue<string>(), snapshot["topic"]!.GetValue<string>());
        Assert.Equal(insert["key"]!.ToJsonString(), snapshot["key"]!.ToJsonString());
        var value = snapshot["valueJson"]!;
        Assert.Equal("snapshot", value["operationType"]!.GetValue<string>());
        Assert.Equal(insert["valueJson"]!["fullDocument"]!.GetValue<string>(), value["fullDocument"]!.GetValue<string>());
        Assert.Null(value["wallTime"]);
        Assert.Null(value["updateDescription"]);
    }

    [Theory]
    [InlineData("""{ "operationType": "snapshot", "ns": { "db": "shop" }, "fullDocument": { "_id": 1 } }""", "needs \"ns\"")]
    [InlineData("""{ "operationType": "snapshot", "ns": { "db": "shop", "coll": "orders" } }""", "needs \"fullDocument\"")]
    [InlineData("""{ "operationType": "snapshot", "ns": { "db": "shop", "coll": "orders" }, "fullDocument": { "qty": 1 } }""", "with its _id")]
    public void A_snapshot_row_without_its_collection_or_document_is_refused_by_name(string input, string expected)
    {
        var (code, _, stderr) = Run(["-"], input);

        Assert.Equal(1, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

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
    public void With_typed_values_the_value_is_the_document_as_an_avro_record_under_the_schema_it_infers()
    {
        var (code, stdout, stderr) = Run(
            ["--set", "mapping.value=document", "--set", "mongodb.fullDocument=updateLookup", "-"],
            """
            { "_id": { "_data": "8265F0A1D2000000012B042C0100296E5A1004" }, "operationType": "insert",
              "clusterTime": { "$timestamp": { "t": 1710268882, "i": 1 } }, "ns": { "db": "shop", "coll": "orders" },
              "documentKey": { "_id": { "$oid": "64d6582130a4d4b8e4c4a1f0" } },
              "fullDocument": { "_id": { "$oid": "64d6582130a4d4b8e4c4a1f0" }, "qty": 3, "total": { "$numberDecimal": "44.98" }, "ship-to": { "city": "Malmö" } } }
            """);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        var report = JsonNode.Parse(stdout)!;
        Assert.Equal("document", report["valueFormat"]!.GetValue<string>());
        Assert.StartsWith("inferred from this document", report["valueSchemaSource"]!.GetValue<string>(), StringComparison.Ordinal);
        var value = report["valueJson"]!;
        Assert.Equal("insert", value["__cdc"]!["op"]!.GetValue<string>());
        Assert.Equal("64d6582130a4d4b8e4c4a1f0", value["_id"]!.GetValue<string>());
        Assert.Equal(3, value["qty"]!.GetValue<int>());
        Assert.Equal("44.98", value["total"]!.GetValue<string>());

        // "ship-to" is not an Avro name: mapped, and the original kept in the schema.
        var shipTo = report["valueSchema"]!["fields"]!.AsArray().Single(f => f!["mongodb.name"]?.GetValue<string>() == "ship-to")!;
        Assert.Equal("Malmö", value[shipTo["name"]!.GetValue<string>()]!["city"]!.GetValue<string>());
    }

    [Fact]
    public void With_typed_values_an_update_without_its_document_is_reported_as_skipped_with_the_reason()
    {
        var (code, stdout, _) = Run(["--set", "mapping.value=document", "--set", "mongodb.fullDocument=updateLookup", "-"], UpdateEvent);

        Assert.Equal(0, code);
        var report = JsonNode.Parse(stdout)!;
        Assert.False(report["published"]!.GetValue<bool>());
        Assert.Equal("skip", report["action"]!.GetValue<string>());
        Assert.Contains("an update or replace without its document", report["reason"]!.GetValue<string>(), StringComparison.Ordinal);
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

    [Fact]
    public void An_event_that_fits_is_published_and_its_record_size_is_shown()
    {
        var (code, stdout, _) = Run(["-"], UpdateEvent);

        Assert.Equal(0, code);
        var report = JsonNode.Parse(stdout)!;
        Assert.True(report["published"]!.GetValue<bool>());
        Assert.Equal("publish", report["action"]!.GetValue<string>());
        Assert.Null(report["reason"]);
        Assert.Equal(1_000_000, report["messageMaxBytes"]!.GetValue<long>());
        var framed = Convert.FromBase64String(report["key"]!.GetValue<string>()).Length + Convert.FromBase64String(report["value"]!.GetValue<string>()).Length + 10;
        Assert.Equal(framed, report["recordBytes"]!.GetValue<long>());
    }

    [Fact]
    public void A_record_over_message_max_bytes_stops_the_connector_by_default()
    {
        var (code, stdout, stderr) = Run(["--set", "kafka.producer.message.max.bytes=1000", "-"], Insert(2_000));

        Assert.Equal(1, code);
        var report = JsonNode.Parse(stdout)!;
        Assert.False(report["published"]!.GetValue<bool>());
        Assert.Equal("stop", report["action"]!.GetValue<string>());
        Assert.Equal("fail", report["oversize"]!.GetValue<string>());
        var recordBytes = report["recordBytes"]!.GetValue<long>();
        Assert.Equal(
            $"its record for topic 'cdc.shop.orders' is {recordBytes:N0} bytes (key and value with their Schema Registry framing); with librdkafka's 36 bytes of record framing that is over kafka.producer.message.max.bytes (1,000), and mapping.oversize is fail: `cdc run` stops (exit 1)",
            report["reason"]!.GetValue<string>());
        var fix = report["fix"]!.GetValue<string>();
        Assert.StartsWith("raise the limits together so the record fits: kafka.producer.message.max.bytes, the topic's max.message.bytes", fix, StringComparison.Ordinal);
        Assert.Contains("for consumers built on librdkafka receive.message.max.bytes", fix, StringComparison.Ordinal);
        Assert.EndsWith("; or set mapping.oversize=deadLetter (with kafka.deadLetterTopic) or mapping.oversize=reference", fix, StringComparison.Ordinal);
        Assert.Null(report["deadLetterTopic"]);
        Assert.Equal(
            $"cdc inspect: `cdc run` would stop at this event: {report["reason"]!.GetValue<string>()} — fix: {report["fix"]!.GetValue<string>()}{Environment.NewLine}",
            stderr);
    }

    [Fact]
    public void A_record_over_message_max_bytes_stops_the_connector_by_default_even_with_a_dead_letter_topic()
    {
        var (code, stdout, _) = Run(["--set", "kafka.producer.message.max.bytes=1000", "--set", "kafka.deadLetterTopic=cdc.dead", "-"], Insert(2_000));

        Assert.Equal(1, code);
        var report = JsonNode.Parse(stdout)!;
        Assert.Equal("stop", report["action"]!.GetValue<string>());
        Assert.Null(report["deadLetterTopic"]);
    }

    [Fact]
    public void A_record_over_message_max_bytes_under_reference_is_published_with_its_document_replaced_by_a_reference()
    {
        var (code, stdout, stderr) = Run(["--set", "kafka.producer.message.max.bytes=1000", "--set", "mapping.oversize=reference", "-"], Insert(2_000));

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        var report = JsonNode.Parse(stdout)!;
        Assert.True(report["published"]!.GetValue<bool>());
        Assert.Equal("reference", report["action"]!.GetValue<string>());
        Assert.Equal(["fullDocument"], report["omitted"]!.AsArray().Select(path => path!.GetValue<string>()));
        Assert.Equal("fullDocument", report["omittedHeader"]!.GetValue<string>());
        Assert.True(report["recordBytes"]!.GetValue<long>() > 1_000);
        var referencedBytes = report["referencedRecordBytes"]!.GetValue<long>();
        Assert.True(referencedBytes + 36 < 1_000, $"{referencedBytes} bytes after omission");
        var framed = Convert.FromBase64String(report["key"]!.GetValue<string>()).Length + Convert.FromBase64String(report["value"]!.GetValue<string>()).Length + 10;
        Assert.Equal(framed, referencedBytes);
        var fullDocument = report["valueJson"]!["fullDocument"]!.GetValue<string>();
        Assert.StartsWith("""{"$cdcOmitted":{"bsonBytes":""", fullDocument, StringComparison.Ordinal);
        Assert.Equal("""{"_id":{"$numberInt":"1"}}""", report["valueJson"]!["documentKey"]!.GetValue<string>());
        Assert.Contains("replaced by references", report["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_that_cannot_fit_even_with_every_body_replaced_stops_the_connector_under_reference()
    {
        // A documentKey of 1,500 characters: the key alone is over the limit, whatever the value leaves out.
        var id = new string('k', 1_500);
        var insert = $$"""
            { "_id": { "_data": "8265F0A1D2000000012B022C0100296E5A1004" }, "operationType": "insert",
              "clusterTime": { "$timestamp": { "t": 1710268882, "i": 1 } }, "ns": { "db": "shop", "coll": "orders" },
              "documentKey": { "_id": "{{id}}" }, "fullDocument": { "_id": "{{id}}", "pad": "{{new string('x', 2_000)}}" } }
            """;

        var (code, stdout, stderr) = Run(["--set", "kafka.producer.message.max.bytes=1000", "--set", "mapping.oversize=reference", "-"], insert);

        Assert.Equal(1, code);
        var report = JsonNode.Parse(stdout)!;
        Assert.Equal("stop", report["action"]!.GetValue<string>());
        Assert.Contains("mapping.oversize is reference, and with every document body replaced (fullDocument) the record is still ", report["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("; or set mapping.oversize=deadLetter (with kafka.deadLetterTopic)", report["fix"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("cdc inspect: `cdc run` would stop at this event: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_whose_topic_is_the_dead_letter_topic_says_cdc_run_stops_there_and_exits_1()
    {
        var (code, stdout, stderr) = Run(["--set", "kafka.deadLetterTopic=cdc.shop.orders", "-"], Insert(10));

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith(
            "cdc inspect: The topic of collection shop.orders is \"cdc.shop.orders\", which is 'kafka.deadLetterTopic': ",
            stderr,
            StringComparison.Ordinal);
        Assert.Contains("The connector stops at this event rather than mix change records into it; fix: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_over_message_max_bytes_goes_to_the_dead_letter_topic_under_mapping_oversize_deadLetter()
    {
        var (code, stdout, stderr) = Run(["--set", "kafka.producer.message.max.bytes=1000", "--set", "kafka.deadLetterTopic=cdc.dead", "--set", "mapping.oversize=deadLetter", "-"], Insert(2_000));

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        var report = JsonNode.Parse(stdout)!;
        Assert.False(report["published"]!.GetValue<bool>());
        Assert.Equal("deadLetter", report["action"]!.GetValue<string>());
        Assert.Equal("cdc.dead", report["deadLetterTopic"]!.GetValue<string>());
        Assert.EndsWith(
            ", and mapping.oversize is deadLetter: `cdc run` sends a record with the same key, a JSON value describing the event and the headers cdc.reason, cdc.topic, cdc.recordBytes, cdc.resumeToken, cdc.operationType and cdc.namespace to the dead-letter topic 'cdc.dead' instead, and counts the event as delivered once that record is acknowledged",
            report["reason"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Null(report["fix"]);
    }

    [Fact]
    public void The_limit_is_librdkafkas_a_record_exactly_at_it_is_published_one_byte_more_is_not()
    {
        var (_, stdout, _) = Run(["-"], Insert(2_000));
        var recordBytes = JsonNode.Parse(stdout)!["recordBytes"]!.GetValue<long>();

        var (atLimit, atLimitOut, _) = Run(["--set", $"kafka.producer.message.max.bytes={recordBytes + 36}", "-"], Insert(2_000));
        var (overLimit, overLimitOut, _) = Run(["--set", $"kafka.producer.message.max.bytes={recordBytes + 35}", "-"], Insert(2_000));

        Assert.Equal((0, "publish"), (atLimit, JsonNode.Parse(atLimitOut)!["action"]!.GetValue<string>()));
        Assert.Equal((1, "stop"), (overLimit, JsonNode.Parse(overLimitOut)!["action"]!.GetValue<string>()));
    }

    [Fact]
    public void An_event_over_16_MB_without_the_split_stage_stops_the_connector_whatever_the_policy()
    {
        var input = Insert(17 * 1024 * 1024);

        var (code, stdout, stderr) = Run(
            ["--set", "mongodb.splitLargeEvents=off", "--set", "kafka.deadLetterTopic=cdc.dead", "--set", "mapping.oversize=deadLetter", "--set", "kafka.producer.message.max.bytes=100000000", "-"],
            input);

        Assert.Equal(1, code);
        var report = JsonNode.Parse(stdout)!;
        Assert.False(report["published"]!.GetValue<bool>());
        Assert.Equal("stop", report["action"]!.GetValue<string>());
        var reason = report["reason"]!.GetValue<string>();
        Assert.StartsWith("the event is 17,826,", reason, StringComparison.Ordinal);
        Assert.EndsWith(
            " bytes of BSON, over MongoDB's limit for one change event (16,793,600 bytes) and mongodb.splitLargeEvents is off: the server cannot return it whole and fails the change stream with BSONObjectTooLarge (code 10334), on which `cdc run` stops (exit 1)",
            reason,
            StringComparison.Ordinal);
        Assert.Equal(Cdc.Connector.MongoDb.MongoFailureAdvice.EventTooLargeFix, report["fix"]!.GetValue<string>());
        Assert.StartsWith("cdc inspect: `cdc run` would stop at this event: the event is ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_over_16_MB_is_judged_by_its_record_when_the_server_splits_it_with_a_note_saying_so()
    {
        var input = Insert(17 * 1024 * 1024);

        var (code, stdout, _) = Run(["--set", "kafka.producer.message.max.bytes=100000000", "-"], input);

        Assert.Equal(0, code);
        var report = JsonNode.Parse(stdout)!;
        Assert.Equal("publish", report["action"]!.GetValue<string>());
        var note = report["note"]!.GetValue<string>();
        Assert.Contains("over MongoDB's limit for one change event (16,793,600 bytes): MongoDB 7.0 or later (or 6.0.9 or a later 6.0) delivers it in fragments", note, StringComparison.Ordinal);
        Assert.Contains("an older server fails the change stream with BSONObjectTooLarge", note, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_just_over_16_MiB_is_still_one_MongoDB_returns_whole()
    {
        // MongoDB's limit for an event is its limit for any BSON object it builds (16 MiB + 16 KiB), not a document's.
        var input = Insert(16 * 1024 * 1024);

        var (_, stdout, _) = Run(["--set", "mongodb.splitLargeEvents=off", "--set", "kafka.producer.message.max.bytes=100000000", "-"], input);

        var report = JsonNode.Parse(stdout)!;
        Assert.Equal("publish", report["action"]!.GetValue<string>());
        Assert.Null(report["note"]);
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

    /// <summary>An insert whose fullDocument holds a string of <paramref name="padding"/> characters.</summary>
    private static string Insert(int padding) =>
        $$"""
        { "_id": { "_data": "8265F0A1D2000000012B022C0100296E5A1004" }, "operationType": "insert",
          "clusterTime": { "$timestamp": { "t": 1710268882, "i": 1 } }, "ns": { "db": "shop", "coll": "orders" },
          "documentKey": { "_id": 1 }, "fullDocument": { "_id": 1, "pad": "{{new string('x', padding)}}" } }
        """;

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
