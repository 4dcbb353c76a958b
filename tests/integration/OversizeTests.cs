using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MongoDB.Bson;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 20, item 3: the real `cdc run` process with kafka.producer.message.max.bytes at 100,000 and a document of about
/// 300 KB. mapping.oversize=fail (the default, even with a dead-letter topic) stops it at the event with exit 1 and the
/// checkpoint before it; deadLetter sends a small JSON record with the cdc.* headers and goes on; reference publishes the
/// change record with the document replaced by its reference (size and SHA-256 of its BSON) and the cdc.omitted header.
/// </summary>
public sealed class OversizeTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const int MessageMaxBytes = 100_000;
    private const int PadCharacters = 300_000;
    private const string BigId = "big-1";

    [Fact]
    public async Task An_oversized_record_stops_cdc_run_with_exit_1_by_default_even_with_a_dead_letter_topic_and_is_never_committed()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "oversize_fail", "big");
        var connector = scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "big"), config => Limit(config, DeadLetterTopic(scenario), policy: null));
        await scenario.WaitUntilStreamingAsync("big");

        InsertBig(scenario);
        var exit = await connector.WaitForExit(Deadlines.Step);

        Assert.True(exit == 1, $"Expected exit 1 at the oversized event.\n{connector.Describe()}");
        var stop = connector.StderrLines.LastOrDefault(line => line.StartsWith("cdc run: ", StringComparison.Ordinal) && line.Contains("mapping.oversize is fail", StringComparison.Ordinal));
        Assert.True(stop is not null, $"No line says why it stopped.\n{connector.Describe()}");
        Assert.Contains($"the insert event on {scenario.Database}.big", stop, StringComparison.Ordinal);
        Assert.Contains($"documentKey {{\"_id\":\"{BigId}\"}}", stop, StringComparison.Ordinal);
        Assert.Contains($"for topic '{scenario.Topic("big")}'", stop, StringComparison.Ordinal);
        Assert.Contains("kafka.producer.message.max.bytes (100,000", stop, StringComparison.Ordinal);
        Assert.Contains("receive.message.max.bytes", stop, StringComparison.Ordinal);
        Assert.Contains("mapping.oversize=deadLetter", stop, StringComparison.Ordinal);

        // The checkpoint is before the event (resume tokens of one stream order as their _data strings do).
        var eventToken = TokenIn(stop);
        var committed = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
        Assert.True(committed is not null && string.CompareOrdinal(committed, eventToken) < 0, $"Committed {committed ?? "nothing"}, the event is {eventToken}.");
        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(800), Deadlines.Step);
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.DocumentKey == $"{{\"_id\":\"{BigId}\"}}");
        Assert.Empty(DeadLetterRecords(DeadLetterTopic(scenario)));
    }

    [Fact]
    public async Task Under_deadLetter_an_oversized_record_becomes_a_small_json_dead_letter_record_and_later_events_are_published()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "oversize_dlq", "big");
        var deadLetterTopic = DeadLetterTopic(scenario);
        var connector = scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "big"), config => Limit(config, deadLetterTopic, "deadLetter"));
        await scenario.WaitUntilStreamingAsync("big");

        InsertBig(scenario);
        scenario.RunOperations(scenario.Database, OperationStep.Op("insert", "big", ("doc", new JsonObject { ["_id"] = "small-1", ["v"] = 1 })));

        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.DocumentKey == """{"_id":"small-1"}""", Deadlines.Step),
            $"The small event after the oversized one was not published.\n{connector.Describe()}");
        var dead = await ReadDeadLetterAsync(deadLetterTopic);
        Assert.True(dead is not null, $"No record reached {deadLetterTopic}.\n{connector.Describe()}");
        Assert.False(connector.HasExited, connector.Describe());

        using var json = JsonDocument.Parse(dead.Value!);
        var value = json.RootElement;
        var recordBytes = value.GetProperty("recordBytes").GetInt64();
        Assert.True(recordBytes > PadCharacters, $"recordBytes {recordBytes}");
        Assert.Equal(MessageMaxBytes, value.GetProperty("messageMaxBytes").GetInt64());
        Assert.Equal($"{scenario.Database}.big", value.GetProperty("namespace").GetString());
        Assert.Equal(scenario.Topic("big"), value.GetProperty("topic").GetString());
        Assert.Equal("insert", value.GetProperty("operationType").GetString());
        Assert.Equal($"{{\"_id\":\"{BigId}\"}}", value.GetProperty("documentKey").GetRawText());
        var token = value.GetProperty("resumeToken").GetString()!;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"record of {recordBytes:N0} bytes exceeds message.max.bytes ({MessageMaxBytes:N0})"), value.GetProperty("reason").GetString());
        Assert.True(dead.Value!.Length < 1_000, $"{dead.Value!.Length} bytes of dead-letter value");

        Assert.Equal(value.GetProperty("reason").GetString(), dead.Headers["cdc.reason"]);
        Assert.Equal(scenario.Topic("big"), dead.Headers["cdc.topic"]);
        Assert.Equal(recordBytes.ToString(CultureInfo.InvariantCulture), dead.Headers["cdc.recordBytes"]);
        Assert.Equal(token, dead.Headers["cdc.resumeToken"]);
        Assert.Equal("insert", dead.Headers["cdc.operationType"]);
        Assert.Equal($"{scenario.Database}.big", dead.Headers["cdc.namespace"]);

        // The key is the change record's own: Schema Registry framing, then the Avro string of the canonical documentKey.
        Assert.Equal(0, dead.Key![0]);
        Assert.EndsWith($"{{\"_id\":\"{BigId}\"}}", Encoding.UTF8.GetString(dead.Key.AsSpan(5)), StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.DocumentKey == $"{{\"_id\":\"{BigId}\"}}");

        // Acknowledged, the dead-lettered event is committed like any other.
        var deadline = DateTime.UtcNow + Deadlines.Step;
        while (string.CompareOrdinal(CheckpointFile.ReadTokenData(scenario.CheckpointPath), token) < 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(string.CompareOrdinal(CheckpointFile.ReadTokenData(scenario.CheckpointPath), token) >= 0, CheckpointFile.Describe(scenario.CheckpointPath));
    }

    [Fact]
    public async Task Under_reference_an_oversized_record_is_published_with_the_document_replaced_by_the_sha256_of_its_bson()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "oversize_ref", "big");
        var connector = scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "big"), config => Limit(config, deadLetterTopic: null, "reference"));
        await scenario.WaitUntilStreamingAsync("big");

        InsertBig(scenario);

        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.DocumentKey == $"{{\"_id\":\"{BigId}\"}}", Deadlines.Step),
            $"The oversized event was not published.\n{connector.Describe()}");
        var record = scenario.Reader.Records.Snapshot().Single(r => r.DocumentKey == $"{{\"_id\":\"{BigId}\"}}");
        Assert.Null(record.DecodeError);
        Assert.Equal("insert", record.OperationType);
        Assert.Equal("fullDocument", record.Headers.GetProperty("cdc.omitted").GetString());
        Assert.Equal($"{{\"_id\":\"{BigId}\"}}", record.Value!.Value.GetProperty("documentKey").GetString());

        var stored = MongoDocument.Find(fixture.Endpoints, scenario.Database, "big", BigId)!;
        var bson = BsonDocument.Parse(stored.ToJsonString()).ToBson();
        var marker = JsonNode.Parse(record.Value!.Value.GetProperty("fullDocument").GetString()!)!["$cdcOmitted"]!;
        Assert.Equal(bson.Length, marker["bsonBytes"]!.GetValue<int>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bson)), marker["sha256"]!.GetValue<string>());
        Assert.False(connector.HasExited, connector.Describe());
    }

    private static string DeadLetterTopic(ConnectorScenario scenario) => scenario.TopicPrefix + "-dead-letters";

    private static void Limit(JsonObject config, string? deadLetterTopic, string? policy)
    {
        config["kafka"]!["producer"] ??= new JsonObject();
        config["kafka"]!["producer"]!["message.max.bytes"] = MessageMaxBytes.ToString(CultureInfo.InvariantCulture);
        if (deadLetterTopic is not null)
        {
            config["kafka"]!["deadLetterTopic"] = deadLetterTopic;
        }

        if (policy is not null)
        {
            config["mapping"] ??= new JsonObject();
            config["mapping"]!["oversize"] = policy;
        }
    }

    private static void InsertBig(ConnectorScenario scenario) =>
        scenario.RunOperations(scenario.Database, OperationStep.Op("insert", "big", ("doc", new JsonObject { ["_id"] = BigId, ["pad"] = new string('x', PadCharacters) })));

    /// <summary>The resume token the stop line names ("resume token 8265…,").</summary>
    private static string TokenIn(string line)
    {
        const string Marker = "resume token ";
        var start = line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return line[start..line.IndexOf(',', start)];
    }

    private async Task<RawRecord?> ReadDeadLetterAsync(string topic)
    {
        var deadline = DateTime.UtcNow + Deadlines.Step;
        while (DateTime.UtcNow < deadline)
        {
            if (DeadLetterRecords(topic) is [var record, ..])
            {
                return record;
            }

            await Task.Delay(300);
        }

        return null;
    }

    private IReadOnlyList<RawRecord> DeadLetterRecords(string topic)
    {
        try
        {
            return KafkaRawRecords.ReadAll(fixture.Endpoints, topic);
        }
        catch (InvalidOperationException e)
        {
            // The topic does not exist until the connector's first record there creates it.
            output.WriteLine($"reading {topic}: {e.Message}");
            return [];
        }
    }
}
