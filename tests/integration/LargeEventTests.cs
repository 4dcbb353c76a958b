using System.Text.Json;
using System.Text.Json.Nodes;
using MongoDB.Bson;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 20, item 2: change events over 16 MB. A 15.9 MB document updated with pre- and post-images makes an event of
/// about 32 MB, which MongoDB can only deliver split by <c>$changeStreamSplitLargeEvent</c>; the connector appends the
/// stage (mongodb.splitLargeEvents=auto, the sandbox reports 6.0.9), reassembles the fragments and publishes the event
/// whole, once, also across a kill -9 between two fragments. With the stage off, it stops and says why and what to do.
/// </summary>
public sealed class LargeEventTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    /// <summary>15.9 MB of padding: the document fits MongoDB's 16 MiB, its update event with both images does not.</summary>
    private const int PaddingBytes = 15_900_000;

    /// <summary>The producer's limit for these tests: above the ≈ 32 MB record of the split event.</summary>
    private const int MessageMaxBytes = 64 * 1024 * 1024;

    [Fact]
    public async Task A_change_event_over_16_MB_is_reassembled_from_its_fragments_and_published_whole_once()
    {
        using var scenario = await StartAsync("split");

        scenario.RunOperations(scenario.Database, LargeDocument("large"), SetN("large", 1), Small("after"));

        // The two documents' keys may hash to different partitions: each record is waited for by itself.
        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.DocumentKey == Key("large") && r.OperationType == "update", Deadlines.Workload)
                && await scenario.Reader.WaitForAsync(r => r.DocumentKey == Key("after"), Deadlines.Step),
            $"The large update or the event after it never arrived.\n{scenario.Connector.Describe()}\nreader stderr:\n{scenario.Reader.Stderr}");
        var records = scenario.Reader.Records.ForDocument(scenario.Topic("big"), Key("large"));
        Assert.Equal<string?[]>(["insert", "update"], records.Select(r => r.OperationType).ToArray());
        AssertWholeUpdate(records[1]);
        Assert.Empty(scenario.Reader.Records.DecodeFailures());
        Assert.Contains("arrives in 2 fragments", scenario.Connector.Output, StringComparison.Ordinal);
        Assert.Contains("ends with $changeStreamSplitLargeEvent (MongoDB 6.0.9-cdc-sandbox)", scenario.Connector.Output, StringComparison.Ordinal);

        // The position committed after the event is a whole event's (the later small one's or a batch's after it).
        var after = Assert.Single(scenario.Reader.Records.ForDocument(scenario.Topic("big"), Key("after")));
        await CheckpointFile.WaitForTokenAsync(scenario.CheckpointPath, Deadlines.Step);
        Assert.True(
            await WaitForCommitAtOrAfterAsync(scenario.CheckpointPath, after.ResumeToken!),
            $"The checkpoint never passed the events after the split one: {CheckpointFile.Describe(scenario.CheckpointPath)}\n{scenario.Connector.Describe()}");
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    [Fact]
    public async Task A_split_event_over_Kafkas_limit_follows_mapping_oversize_reference_with_both_images_referenced()
    {
        using var scenario = await StartAsync("splitref", adjust: config =>
        {
            config["kafka"]!["producer"]!["message.max.bytes"] = "1000000";
            config["mapping"] = new JsonObject { ["oversize"] = "reference" };
        });

        scenario.RunOperations(scenario.Database, LargeDocument("large"), SetN("large", 1));

        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.DocumentKey == Key("large") && r.OperationType == "update", Deadlines.Workload),
            $"The referenced update never arrived.\n{scenario.Connector.Describe()}");
        var update = scenario.Reader.Records.ForDocument(scenario.Topic("big"), Key("large")).Single(r => r.OperationType == "update");
        Assert.Equal("fullDocument,fullDocumentBeforeChange", update.Headers.GetProperty("cdc.omitted").GetString());
        var value = update.Value!.Value;
        AssertReferences(value.GetProperty("fullDocument").GetString()!, StoredBson("large", 1));
        AssertReferences(value.GetProperty("fullDocumentBeforeChange").GetString()!, StoredBson("large", 0));
        Assert.Contains("\"n\"", value.GetProperty("updateDescription").GetProperty("updatedFields").GetString()!, StringComparison.Ordinal);
        Assert.Contains("arrives in 2 fragments", scenario.Connector.Output, StringComparison.Ordinal);
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    [Fact]
    public async Task A_kill_9_between_two_fragments_republishes_the_event_whole_once_after_the_restart()
    {
        const string AppName = "cdc-it-split-kill";
        using var scenario = await StartAsync("splitkill", MongoFailPoint.WithAppName(fixture.Endpoints.MongoDbUri, AppName));
        scenario.RunOperations(scenario.Database, LargeDocument("large"));
        Assert.True(await scenario.Reader.WaitForAsync(r => r.DocumentKey == Key("large"), Deadlines.Workload), scenario.Connector.Describe());

        // Stopped cleanly, the connector has committed the insert; the update is made while it is down.
        scenario.Connector.Terminate();
        Assert.Equal(0, await scenario.Connector.WaitForExit(Deadlines.Step));
        var committed = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
        scenario.RunOperations(scenario.Database, SetN("large", 1), Small("after"));

        // The reopened stream's first batch holds fragment 1 (16 MB fills a batch); every getMore of this connector then
        // blocks, so it holds one fragment of two when it is killed.
        MongoFailPoint.Configure(
            fixture.Endpoints,
            "failCommand",
            "alwaysOn",
            new JsonObject { ["failCommands"] = new JsonArray("getMore"), ["blockConnection"] = true, ["blockTimeMS"] = 30_000, ["appName"] = AppName });
        try
        {
            scenario.RestartConnector();
            Assert.True(
                await OutputLines.WaitForAsync(scenario.Connector, "arrives in 2 fragments", Deadlines.Step),
                $"The connector never read the first fragment.\n{scenario.Connector.Describe()}");
            scenario.Connector.Kill();
        }
        finally
        {
            MongoFailPoint.Off(fixture.Endpoints, "failCommand");
        }

        Assert.DoesNotContain("Reassembled a change event", scenario.Connector.Output, StringComparison.Ordinal);
        Assert.Equal(committed, CheckpointFile.ReadTokenData(scenario.CheckpointPath));
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.OperationType == "update");

        scenario.RestartConnector();
        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.DocumentKey == Key("large") && r.OperationType == "update", Deadlines.Workload)
                && await scenario.Reader.WaitForAsync(r => r.DocumentKey == Key("after"), Deadlines.Step),
            $"The split event or the one after it never arrived after the restart.\n{scenario.Connector.Describe()}");
        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(800), Deadlines.Step);
        var update = Assert.Single(scenario.Reader.Records.ForDocument(scenario.Topic("big"), Key("large")), r => r.OperationType == "update");
        AssertWholeUpdate(update);
        Assert.Empty(scenario.Reader.Records.Duplicates());
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    [Fact]
    public async Task Memory_holds_about_one_large_event_however_many_come()
    {
        const int LaterEvents = 12;
        // Three events' worth, so that how the collector happens to run inside one event changes no verdict.
        const long Slack = 96L * 1024 * 1024;

        // One event in flight at a time (an event over the bound goes alone), so what librdkafka holds does not depend
        // on how fast this machine's Kafka acknowledges.
        using var scenario = await StartAsync("splitmem", adjust: config => config["pipeline"]!["maxInFlightBytes"] = 1024 * 1024);
        scenario.RunOperations(scenario.Database, LargeDocument("large"), SetN("large", 1));
        Assert.True(await WaitForRecordsOfAsync(scenario, Key("large"), 2), scenario.Connector.Describe());
        var afterOne = PeakResidentBytes(scenario.Connector.Id);

        for (var n = 2; n < 2 + LaterEvents; n++)
        {
            scenario.RunOperations(scenario.Database, SetN("large", n));
        }

        Assert.True(
            await WaitForRecordsOfAsync(scenario, Key("large"), 2 + LaterEvents),
            $"Expected {2 + LaterEvents} records of the large document.\n{scenario.Connector.Describe()}");
        var afterMany = PeakResidentBytes(scenario.Connector.Id);

        // Each ≈ 32 MB event leaves arrays of several times its size behind; without a collection after it the peak rose
        // by about ten events' worth over these twelve (347 to 672 MiB). Bounded means it stays within three.
        output.WriteLine($"peak RSS after one split event {afterOne / 1048576} MiB, after {1 + LaterEvents} {afterMany / 1048576} MiB");
        Assert.True(afterOne > 0, "VmHWM was not readable");
        Assert.True(
            afterMany - afterOne < Slack,
            $"The peak RSS grew from {afterOne / 1048576} MiB after one split event to {afterMany / 1048576} MiB after {1 + LaterEvents}: memory is not bounded by the event.");
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    [Fact]
    public async Task Without_the_split_stage_the_connector_stops_at_the_event_and_says_why_and_how_to_fix_it()
    {
        using var scenario = await StartAsync("nosplit", adjust: config => config["mongodb"]!["splitLargeEvents"] = "off");

        scenario.RunOperations(scenario.Database, LargeDocument("large"), SetN("large", 1));

        var exit = await scenario.Connector.WaitForExit(Deadlines.Workload);
        Assert.True(exit == 1, $"exit {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(still running)"}\n{scenario.Connector.Describe()}");
        var outputText = scenario.Connector.Output;
        Assert.Contains("BSONObjectTooLarge", outputText, StringComparison.Ordinal);
        Assert.Contains("mongodb.splitLargeEvents is off", outputText, StringComparison.Ordinal);
        Assert.Contains("set mongodb.splitLargeEvents=auto", outputText, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.OperationType == "update");
    }

    private async Task<ConnectorScenario> StartAsync(string stem, string? mongoUri = null, Action<JsonObject>? adjust = null)
    {
        var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, stem, "big");
        try
        {
            scenario.RunOperations(
                scenario.Database,
                OperationStep.Op("createCollection", null, ("coll", "big"), ("options", new JsonObject { ["changeStreamPreAndPostImages"] = new JsonObject { ["enabled"] = true } })));
            scenario.StartConnector(
                ConnectorConfig.CollectionScope(scenario.Database, "big"),
                config =>
                {
                    config["mongodb"]!["fullDocument"] = "required";
                    config["mongodb"]!["fullDocumentBeforeChange"] = "required";
                    if (mongoUri is not null)
                    {
                        config["mongodb"]!["uri"] = mongoUri;
                    }

                    config["kafka"]!["producer"]!["message.max.bytes"] = MessageMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    adjust?.Invoke(config);
                });
            await scenario.WaitUntilStreamingAsync("big");
            return scenario;
        }
        catch
        {
            scenario.Dispose();
            throw;
        }
    }

    /// <summary>The update's record carries both images whole: the 15.9 MB string before and after, n 0 then 1.</summary>
    private static void AssertWholeUpdate(DecodedRecord update)
    {
        var value = update.Value!.Value;
        using var after = JsonDocument.Parse(value.GetProperty("fullDocument").GetString()!);
        using var before = JsonDocument.Parse(value.GetProperty("fullDocumentBeforeChange").GetString()!);
        Assert.Equal(1, after.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(0, before.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(PaddingBytes, after.RootElement.GetProperty("pad").GetString()!.Length);
        Assert.Equal(PaddingBytes, before.RootElement.GetProperty("pad").GetString()!.Length);
        Assert.Contains("\"n\"", value.GetProperty("updateDescription").GetProperty("updatedFields").GetString()!, StringComparison.Ordinal);
    }

    /// <summary>Waits until the committed token is <paramref name="token"/> or a later one (tokens of one stream order as hex strings).</summary>
    private static async Task<bool> WaitForCommitAtOrAfterAsync(string checkpointPath, string token)
    {
        var deadline = DateTime.UtcNow + Deadlines.Step;
        while (DateTime.UtcNow < deadline)
        {
            if (CheckpointFile.ReadTokenData(checkpointPath) is { } committed && string.CompareOrdinal(committed, token) >= 0)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private static async Task<bool> WaitForRecordsOfAsync(ConnectorScenario scenario, string key, int count)
    {
        var deadline = DateTime.UtcNow + Deadlines.Workload;
        while (DateTime.UtcNow < deadline)
        {
            if (scenario.Reader.Records.ForDocument(scenario.Topic("big"), key).Count >= count)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>VmHWM: the most the process ever had resident (Linux), in bytes; 0 when unreadable.</summary>
    private static long PeakResidentBytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>The BSON MongoDB holds for the large document with <paramref name="n"/>: its fields in the order written.</summary>
    private static byte[] StoredBson(string id, int n) =>
        new BsonDocument { { "_id", id }, { "n", n }, { "pad", new string('a', PaddingBytes) } }.ToBson();

    private static void AssertReferences(string body, byte[] bson)
    {
        var marker = JsonNode.Parse(body)!["$cdcOmitted"]!;
        Assert.Equal(bson.Length, marker["bsonBytes"]!.GetValue<int>());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bson)), marker["sha256"]!.GetValue<string>());
    }

    private static JsonObject LargeDocument(string id) =>
        OperationStep.Op(
            "insert",
            "big",
            ("doc", new JsonObject { ["_id"] = id, ["n"] = 0 }),
            ("pad", new JsonObject { ["field"] = "pad", ["bytes"] = PaddingBytes }));

    private static JsonObject SetN(string id, int n) =>
        OperationStep.Op("update", "big", ("id", id), ("update", new JsonObject { ["$set"] = new JsonObject { ["n"] = n } }));

    private static JsonObject Small(string id) => OperationStep.Op("insert", "big", ("doc", new JsonObject { ["_id"] = id, ["n"] = 0 }));

    private static string Key(string id) => $$"""{"_id":"{{id}}"}""";
}
