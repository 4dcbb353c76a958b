using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 11: the change-stream options that came with the MongoDB driver, through the real `cdc run` process against
/// the sandbox. With mongodb.showExpandedEvents the DDL events MongoDB reports (create, explicit and implicit, and
/// createIndexes) reach Kafka as envelope records with their operationDescription; and a pipeline started at
/// mongodb.startAt=resumeAfter:&lt;the resumeToken of the last record another pipeline published&gt; continues its
/// topics with neither a gap nor a duplicate.
/// </summary>
public sealed class ChangeStreamOptionsTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private static readonly TimeSpan Deadline = Deadlines.Step;

    [Fact]
    public async Task With_showExpandedEvents_create_and_createIndexes_events_are_published_as_envelope_records()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "cso_exp", "c", "fresh", "lazy");
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["mongodb"]!["showExpandedEvents"] = true);
        await scenario.WaitUntilStreamingAsync("c");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database, showExpandedEvents: true);

        scenario.RunOperations(
            scenario.Database,
            OperationStep.Op("createCollection", "fresh"),
            OperationStep.Op("createIndex", "fresh", ("key", new JsonObject { ["sku"] = 1 })),
            Insert("fresh", "f-1"),
            OperationStep.Op("createIndex", "lazy", ("key", new JsonObject { ["a"] = 1 })));

        // createIndex on a missing collection creates it first, as MongoDB does: create, then createIndexes.
        var truth = await GroundTruthSettling.SettleAsync(scenario, watcher, Deadline, "create", "createIndexes", "insert", "create", "createIndexes");
        var problems = new List<string>();
        problems.AddRange(scenario.Reader.Records.DecodeFailures().Select(r => $"{r} does not decode through the registry: {r.DecodeError}"));
        foreach (var expected in truth)
        {
            var published = scenario.Reader.Records.ByResumeToken(expected.Token);
            if (published.Count != 1)
            {
                problems.Add($"#{expected.Index} {expected.OperationType} {expected.Namespace}: {published.Count} records");
                continue;
            }

            var record = published[0];
            problems.AddRange(EnvelopeAssertions.Differences(expected, record));
            if (record.Topic != scenario.Topic(expected.Collection!))
            {
                problems.Add($"#{expected.Index} {expected.OperationType} went to {record.Topic}, expected {scenario.Topic(expected.Collection!)}");
            }

            // docs/mapping.md, mapping.keylessEvents=namespaceKey: a DDL event is keyed by its namespace.
            var key = expected.DocumentKey ?? $$$"""{"ns":{"db":"{{{scenario.Database}}}","coll":"{{{expected.Collection}}}"}}""";
            if (record.DocumentKey != key)
            {
                problems.Add($"#{expected.Index} {expected.OperationType} is keyed {record.DocumentKey}, expected {key}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + scenario.Connector.Describe());
        var descriptions = truth.Where(e => e.OperationType != "insert").Select(e => JsonNode.Parse(e.OperationDescription!)!).ToList();
        Assert.All(descriptions.Where((_, i) => i % 2 == 0), d => Assert.Equal("_id_", d["idIndex"]!["name"]!.GetValue<string>()));
        Assert.Equal("sku_1", descriptions[1]["indexes"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("a_1", descriptions[3]["indexes"]![0]!["name"]!.GetValue<string>());
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    [Fact]
    public async Task A_pipeline_started_at_resumeAfter_the_last_record_of_another_continues_its_topic_without_gap_or_duplicate()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "cso_move", "c");
        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "c"));
        await scenario.WaitUntilStreamingAsync("c");
        scenario.RunOperations(scenario.Database, Insert("c", "m-1"), Insert("c", "m-2"), Insert("c", "m-3"));
        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.DocumentKey == Key("m-3"), Deadline),
            $"The first pipeline did not publish m-3.\n{scenario.Connector.Describe()}");
        var handover = Assert.Single(scenario.Reader.Records.Snapshot(), r => r.DocumentKey == Key("m-3")).ResumeToken!;

        // The first pipeline stops; writes go on while no connector runs.
        scenario.Connector.Terminate();
        Assert.Equal(0, await scenario.Connector.WaitForExit(Deadline));
        scenario.RunOperations(scenario.Database, Insert("c", "m-4"), Insert("c", "m-5"));

        // Another pipeline (its own name and checkpoint, nothing committed) takes over the same topics from that record.
        scenario.Config["pipeline"]!["name"] = UniqueNames.For("cso_next");
        scenario.Config["checkpoint"]!["path"] = Path.Combine(scenario.Directory, "next-checkpoint.json");
        scenario.Config["mongodb"]!["startAt"] = $"resumeAfter:{handover}";
        scenario.RestartConnector();
        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.DocumentKey == Key("m-5"), Deadline),
            $"The second pipeline did not publish m-5, written before it started.\n{scenario.Connector.Describe()}");
        scenario.RunOperations(scenario.Database, Insert("c", "m-6"));
        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.DocumentKey == Key("m-6"), Deadline),
            $"The second pipeline did not publish m-6, written after it started.\n{scenario.Connector.Describe()}");

        // Records of other partitions may come later than m-6: wait for the other changes too, then a moment for any duplicate.
        foreach (var id in new[] { "m-1", "m-2", "m-4" })
        {
            await scenario.Reader.WaitForAsync(r => r.DocumentKey == Key(id), Deadline);
        }

        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(800), Deadlines.Step);

        var published = scenario.Reader.Records.Snapshot();
        output.WriteLine($"{published.Count} records:\n" + string.Join("\n", published));
        Assert.Empty(scenario.Reader.Records.Duplicates());
        Assert.Equal(published.Count, published.Select(r => r.DocumentKey).Distinct().Count());
        // Records of different partitions arrive in any order: the set of changes is what must be whole and single.
        Assert.Equal<string?[]>(
            [Key("m-1"), Key("m-2"), Key("m-3"), Key("m-4"), Key("m-5"), Key("m-6")],
            published.Select(r => r.DocumentKey).Where(key => key!.StartsWith("""{"_id":"m-""", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains($"mongodb.startAt resumeAfter:{handover}", scenario.Connector.Output, StringComparison.Ordinal);
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    private static JsonObject Insert(string collection, string id) =>
        OperationStep.Op("insert", collection, ("doc", new JsonObject { ["_id"] = id, ["v"] = 0 }));

    private static string Key(string id) => $$"""{"_id":"{{id}}"}""";
}
