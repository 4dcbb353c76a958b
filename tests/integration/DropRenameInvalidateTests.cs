using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 4, scenario 10: drop, rename and dropDatabase at each scope, each record decoded from Kafka through the
/// registry: its envelope (operationType, ns, to) against MongoDB's own event, its topic (docs/mapping.md, "Topics")
/// and its key under the default mapping.keylessEvents=namespaceKey. A collection or database stream ends with an
/// invalidate, after which the connector reopens (onInvalidate=reopen, the default) or stops with exit 0 having
/// committed the invalidate for startAfter (onInvalidate=stop); a cluster stream is never invalidated.
/// </summary>
public sealed class DropRenameInvalidateTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private static readonly TimeSpan Deadline = Deadlines.Step;

    [Fact]
    public async Task Collection_drop_publishes_drop_and_invalidate_then_the_recreated_collection_is_published()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "dri_cdrop", "c");
        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "c"));
        await scenario.WaitUntilStreamingAsync("c");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "collection", scenario.Database, "c", reopenOnInvalidate: true);

        scenario.RunOperations(scenario.Database, Insert("c", "c-1"), OperationStep.Op("drop", "c"), Insert("c", "c-2"), Insert("c", "c-3"));

        var truth = await GroundTruthSettling.SettleAsync(scenario, watcher, Deadline, "insert", "drop", "invalidate", "insert", "insert");
        AssertRecords(scenario, truth);
        Assert.Contains("mongodb.onInvalidate=reopen", scenario.Connector.Output, StringComparison.Ordinal);
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    [Fact]
    public async Task Collection_rename_with_onInvalidate_stop_publishes_rename_and_invalidate_commits_it_for_startAfter_and_exits_0()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "dri_cstop", "c");
        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "c"), config => config["mongodb"]!["onInvalidate"] = "stop");
        await scenario.WaitUntilStreamingAsync("c");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "collection", scenario.Database, "c");

        scenario.RunOperations(scenario.Database, Insert("c", "c-1"), OperationStep.Op("rename", "c", ("to", "c_renamed")));
        var exitCode = await scenario.Connector.WaitForExit(Deadline);
        Assert.True(exitCode == 0, $"onInvalidate=stop: expected exit 0 after the invalidate.\n{scenario.Connector.Describe()}");

        var truth = await GroundTruthSettling.SettleAsync(scenario, watcher, Deadline, "insert", "rename", "invalidate");
        AssertRecords(scenario, truth);

        // The committed position is the invalidate itself, marked for startAfter (resumeAfter would refuse it).
        using var checkpoint = JsonDocument.Parse(File.ReadAllBytes(scenario.CheckpointPath));
        var root = checkpoint.RootElement;
        var description = CheckpointFile.Describe(scenario.CheckpointPath);
        Assert.True(root.GetProperty("startAfter").GetBoolean(), $"The checkpoint after an invalidate must say startAfter: {description}");
        Assert.True(root.GetProperty("resumeToken").GetProperty("_data").GetString() == truth[^1].Token, $"The checkpoint is not the invalidate's token {truth[^1].Token}: {description}");
    }

    [Fact]
    public async Task Database_drop_publishes_each_drop_dropDatabase_and_invalidate_then_reopens()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "dri_db", "a", "b");
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database, reopenOnInvalidate: true);

        scenario.RunOperations(scenario.Database, Insert("b", "b-1"), OperationStep.Op("dropDatabase", null), Insert("a", "a-2"), Insert("b", "b-2"));

        var truth = await GroundTruthSettling.SettleAsync(scenario, watcher, Deadline, "insert", "drop", "drop", "dropDatabase", "invalidate", "insert", "insert");
        AssertRecords(scenario, truth);
        Assert.Equal(
            new[] { "a", "b" },
            truth.Where(e => e.OperationType == "drop").Select(e => e.Collection!).Order(StringComparer.Ordinal).ToArray());
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    [Fact]
    public async Task Cluster_scope_publishes_drop_rename_and_dropDatabase_is_never_invalidated_and_keeps_streaming()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "dri_cl", "a");
        scenario.StartConnector(ConnectorConfig.ClusterScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "cluster", databases: [scenario.Database]);

        scenario.RunOperations(
            scenario.Database,
            Insert("x", "x-1"),
            OperationStep.Op("rename", "x", ("to", "x_renamed")),
            OperationStep.Op("drop", "x_renamed"),
            Insert("y", "y-1"),
            OperationStep.Op("dropDatabase", null),
            Insert("z", "z-1"));

        var truth = await GroundTruthSettling.SettleAsync(scenario, watcher, Deadline, "insert", "rename", "drop", "insert", "drop", "drop", "dropDatabase", "insert");
        AssertRecords(scenario, truth);
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.OperationType == "invalidate" || r.Topic == scenario.TopicPrefix);
        Assert.DoesNotContain("invalidated", scenario.Connector.Output, StringComparison.Ordinal);
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    private static JsonObject Insert(string collection, string id) =>
        OperationStep.Op("insert", collection, ("doc", new JsonObject { ["_id"] = id, ["v"] = 0 }));

    /// <summary>Each event once, with MongoDB's envelope, on its topic, keyed per mapping.keylessEvents=namespaceKey.</summary>
    private static void AssertRecords(ConnectorScenario scenario, IReadOnlyList<SourceEvent> truth)
    {
        var problems = new List<string>();
        problems.AddRange(scenario.Reader.Records.DecodeFailures().Select(r => $"{r} does not decode through the registry: {r.DecodeError}"));
        foreach (var expected in truth)
        {
            var published = scenario.Reader.Records.ByResumeToken(expected.Token);
            if (published.Count != 1)
            {
                problems.Add($"#{expected.Index} {expected.OperationType}: {published.Count} records");
                continue;
            }

            var record = published[0];
            problems.AddRange(EnvelopeAssertions.Differences(expected, record));
            var (topic, key) = Expected(scenario, expected);
            if (record.Topic != topic)
            {
                problems.Add($"#{expected.Index} {expected.OperationType} went to {record.Topic}, expected {topic}");
            }

            if (record.DocumentKey != key)
            {
                problems.Add($"#{expected.Index} {expected.OperationType} is keyed {record.DocumentKey}, expected {key}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + scenario.Connector.Describe());
    }

    /// <summary>docs/mapping.md: the topic by namespace, and the key of an event with no documentKey (namespaceKey).</summary>
    private static (string Topic, string Key) Expected(ConnectorScenario scenario, SourceEvent e) => (e.Database, e.Collection) switch
    {
        (null, _) => (scenario.TopicPrefix, """{"ns":{}}"""),
        ({ } db, null) => ($"{scenario.TopicPrefix}.{db}", $$$"""{"ns":{"db":"{{{db}}}"}}"""),
        ({ } db, { } coll) => (scenario.Topic(db, coll), e.DocumentKey ?? $$$"""{"ns":{"db":"{{{db}}}","coll":"{{{coll}}}"}}"""),
    };
}
