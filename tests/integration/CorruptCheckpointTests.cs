using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 14, part 3: `cdc run` starting on a checkpoint that is not one (garbage, a truncated or damaged write, the
/// wrong shape), in each of the three stores. It must stop with exit 1 and one `cdc run: …` line naming the store, the
/// location, what is wrong and the fix, never fall back to another position, and leave the corrupt checkpoint where it
/// is: it may be all that is left of the position, and an operator decides whether to restore or delete it.
/// </summary>
public sealed class CorruptCheckpointTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const string Garbage = "garbage";
    private const string Truncated = "truncated";
    private const string DamagedByte = "damaged byte";
    private const string WrongShape = "wrong shape";
    private const string TokenData = "8265F0A1D2000000012B022C0100296E5A1004";

    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(Garbage, "it is not valid JSON (line 1, byte 1; truncated or overwritten?)")]
    [InlineData(Truncated, "it is not valid JSON (line 1, byte ")]
    [InlineData(DamagedByte, "it has a string at byte ")]
    [InlineData(WrongShape, "'resumeToken' must be an Extended JSON object or null; got string")]
    public async Task File_store_a_corrupt_checkpoint_stops_run_with_exit_1_naming_the_file_and_the_fix_and_stays_as_it_was(string kind, string problem)
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "corrupt-file", "a");
        var corrupt = Corrupt(kind, scenario.PipelineName);
        File.WriteAllBytes(scenario.CheckpointPath, corrupt);

        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "a"));

        var line = await FailedStartLineAsync(scenario);
        Assert.Contains($"The checkpoint in file {scenario.CheckpointPath} is not usable: {problem}", line, StringComparison.Ordinal);
        Assert.EndsWith("To go on, delete the file to start from mongodb.startAt, losing the position (or restore it from a backup).", line, StringComparison.Ordinal);
        Assert.Equal(corrupt, File.ReadAllBytes(scenario.CheckpointPath));
    }

    [Theory]
    [InlineData(Garbage, "it is not valid JSON (line 1, byte 1; truncated or overwritten?)")]
    [InlineData(Truncated, "it is not valid JSON (line 1, byte ")]
    [InlineData(DamagedByte, "it has a string at byte ")]
    [InlineData(WrongShape, "'resumeToken' must be an Extended JSON object or null; got string")]
    public async Task Kafka_store_a_corrupt_checkpoint_record_stops_run_with_exit_1_naming_topic_and_pipeline_and_the_fix_and_stays_the_last_record(string kind, string problem)
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "corrupt-kafka", "a");
        var topic = scenario.TopicPrefix + ".checkpoints";
        var corrupt = Corrupt(kind, scenario.PipelineName);
        KafkaRawRecords.Produce(scenario.Endpoints, topic, scenario.PipelineName, corrupt);

        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "a"), config =>
            config["checkpoint"] = new JsonObject { ["store"] = "kafka", ["topic"] = topic, ["intervalMs"] = 200 });

        var line = await FailedStartLineAsync(scenario);
        Assert.Contains($"The checkpoint in kafka topic {topic} key {scenario.PipelineName} is not usable: {problem}", line, StringComparison.Ordinal);
        Assert.EndsWith(
            $"To go on, produce a record with key '{scenario.PipelineName}' and a null value (a tombstone) to topic {topic} to start from mongodb.startAt, losing the position.",
            line,
            StringComparison.Ordinal);
        var values = KafkaRawRecords.ReadValues(scenario.Endpoints, topic, scenario.PipelineName);
        Assert.Equal(corrupt, Assert.Single(values));
    }

    [Theory]
    [InlineData("missing fields", "it lacks one of _id, version, resumeToken, startAfter, operationTime, committedAt")]
    [InlineData("token as a string", "'resumeToken' must be a document or null; got String")]
    public async Task MongoDb_store_a_wrong_shape_checkpoint_document_stops_run_with_exit_1_naming_collection_and_id_and_the_fix_and_stays_as_it_was(string kind, string problem)
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "corrupt-mongo", "a");
        var database = scenario.Database + "_cdc";
        var document = kind == "missing fields"
            ? new JsonObject { ["_id"] = scenario.PipelineName, ["position"] = TokenData }
            : new JsonObject
            {
                ["_id"] = scenario.PipelineName,
                ["version"] = 1,
                ["resumeToken"] = TokenData,
                ["startAfter"] = false,
                ["operationTime"] = null,
            };
        scenario.RunOperations(database, new JsonObject { ["op"] = "insert", ["coll"] = "checkpoints", ["doc"] = document.DeepClone() });

        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "a"), config =>
            config["checkpoint"] = new JsonObject { ["store"] = "mongodb", ["collection"] = database + ".checkpoints", ["intervalMs"] = 200 });

        var line = await FailedStartLineAsync(scenario);
        Assert.Contains($"The checkpoint in mongodb collection {database}.checkpoints _id {scenario.PipelineName} is not usable: {problem}", line, StringComparison.Ordinal);
        Assert.EndsWith(
            $"To go on, delete that document (db.getSiblingDB(\"{database}\").getCollection(\"checkpoints\").deleteOne({{_id: \"{scenario.PipelineName}\"}})) "
            + "to start from mongodb.startAt, losing the position.",
            line,
            StringComparison.Ordinal);
        // Claiming the pipeline (before the load) stamps the store's fencing field writerEpoch on the checkpoint document
        // (docs/connector.md, "One writer per pipeline"); every field it had stays as it was.
        var stored = MongoDocument.Find(scenario.Endpoints, database, "checkpoints", scenario.PipelineName);
        Assert.NotNull(stored);
        stored.Remove("writerEpoch");
        Assert.True(JsonNode.DeepEquals(document, stored), $"The checkpoint document changed: {stored.ToJsonString()}");
    }

    /// <summary>Waits for `cdc run` to stop: exit 1 and exactly one `cdc run: …` line, which it returns.</summary>
    private static async Task<string> FailedStartLineAsync(ConnectorScenario scenario)
    {
        var connector = scenario.Connector;
        var exit = await connector.WaitForExit(ExitDeadline);
        Assert.True(exit == 1, $"cdc run did not exit 1 on the corrupt checkpoint.\n{connector.Describe()}");
        return Assert.Single(connector.StderrLines, line => line.StartsWith("cdc run: ", StringComparison.Ordinal));
    }

    /// <summary>What the file or the topic holds instead of a checkpoint of <paramref name="pipeline"/>.</summary>
    private static byte[] Corrupt(string kind, string pipeline)
    {
        var valid = Encoding.UTF8.GetBytes(
            $$"""{"version":1,"pipeline":"{{pipeline}}","resumeToken":{"_data":"{{TokenData}}"},"startAfter":false,"operationTime":null,"committedAt":"2026-11-21T12:00:00.0000000Z"}""");
        switch (kind)
        {
            case Garbage:
                return [0x00, 0x13, .. "not a checkpoint"u8];
            case Truncated:
                // A write cut short by something other than the connector's atomic save (a copy, a full disk, an editor).
                return valid[..(valid.Length / 2)];
            case DamagedByte:
                // One byte inside the token's string no longer UTF-8: the rest is well-formed JSON of the right shape.
                var damaged = valid.ToArray();
                damaged[Encoding.UTF8.GetString(valid).IndexOf(TokenData, StringComparison.Ordinal) + 4] = 0xFF;
                return damaged;
            case WrongShape:
                // The token pasted as a record's resumeToken hex string instead of the token document.
                return Encoding.UTF8.GetBytes(
                    $$"""{"version":1,"pipeline":"{{pipeline}}","resumeToken":"{{TokenData}}","startAfter":false,"operationTime":null,"committedAt":"2026-11-21T12:00:00.0000000Z"}""");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of corrupt checkpoint.");
        }
    }
}
