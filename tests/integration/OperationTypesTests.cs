using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 4, scenarios 1 and 10: every operation type, end to end at collection, database and cluster scope — insert,
/// update, replace, delete (+ tombstone), drop, rename, dropDatabase and invalidate where the scope produces it —
/// each record decoded from Kafka through the registry and compared field by field with MongoDB's own change stream.
/// </summary>
public sealed class OperationTypesTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private static readonly TimeSpan Deadline = Deadlines.Step;

    [Fact]
    public async Task Collection_scope_publishes_writes_rename_drop_and_each_invalidate_then_keeps_streaming()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "ops_coll", "c");
        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "c"));
        await scenario.WaitUntilStreamingAsync("c");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "collection", scenario.Database, "c", reopenOnInvalidate: true);

        scenario.RunOperations(
            scenario.Database,
            [.. Writes("c", "c-1"),
            OperationStep.Op("rename", "c", ("to", "c_renamed")),
            OperationStep.Op("insert", "c", ("doc", new JsonObject { ["_id"] = "c-2", ["v"] = 0 })),
            OperationStep.Op("drop", "c"),
            OperationStep.Op("insert", "c", ("doc", new JsonObject { ["_id"] = "c-3", ["v"] = 0 }))]);

        var truth = await GroundTruthSettling.SettleAsync(scenario, watcher, Deadline, "insert", "update", "replace", "delete", "rename", "invalidate", "insert", "drop", "invalidate", "insert");
        AssertEnvelopes(scenario, truth);
    }

    [Fact]
    public async Task Database_scope_publishes_writes_rename_drop_dropDatabase_and_its_invalidate()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "ops_db", "a", "b");
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("b");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);

        scenario.RunOperations(
            scenario.Database,
            [.. Writes("a", "a-1"),
            OperationStep.Op("insert", "a", ("doc", new JsonObject { ["_id"] = "a-2", ["v"] = 0 })),
            OperationStep.Op("rename", "a", ("to", "a_renamed")),
            OperationStep.Op("drop", "b"),
            OperationStep.Op("dropDatabase", null)]);

        var truth = await GroundTruthSettling.SettleAsync(scenario, watcher, Deadline, "insert", "update", "replace", "delete", "insert", "rename", "drop", "drop", "dropDatabase", "invalidate");
        AssertEnvelopes(scenario, truth);
    }

    [Fact]
    public async Task Cluster_scope_publishes_writes_rename_drop_and_dropDatabase_of_the_included_databases_only()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "ops_cl", "a");
        var second = UniqueNames.For("ops_cl2");
        var ignored = UniqueNames.For("ops_cl3");
        scenario.StartConnector(ConnectorConfig.ClusterScope(scenario.Database, second));
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "cluster", databases: [scenario.Database, second]);

        scenario.RunOperations(ignored, OperationStep.Op("insert", "x", ("doc", new JsonObject { ["_id"] = "not-watched", ["v"] = 0 })));
        scenario.RunOperations(
            scenario.Database,
            [.. Writes("a", "a-1"),
            OperationStep.Op("insert", "a", ("doc", new JsonObject { ["_id"] = "a-2", ["v"] = 0 })),
            OperationStep.Op("rename", "a", ("to", "a_renamed")),
            OperationStep.Op("drop", "a_renamed")]);
        scenario.RunOperations(second, OperationStep.Op("insert", "y", ("doc", new JsonObject { ["_id"] = "y-1", ["v"] = 0 })), OperationStep.Op("dropDatabase", null));

        var truth = await GroundTruthSettling.SettleAsync(scenario, watcher, Deadline, "insert", "update", "replace", "delete", "insert", "rename", "drop", "insert", "drop", "dropDatabase");
        AssertEnvelopes(scenario, truth);
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.Topic.Contains(ignored, StringComparison.Ordinal));
    }

    /// <summary>insert (v 0), update (v 1, $unset tags), replace (v 2), delete of one document.</summary>
    private static JsonObject[] Writes(string collection, string id) =>
    [
        OperationStep.Op("insert", collection, ("doc", new JsonObject { ["_id"] = id, ["v"] = 0, ["tags"] = new JsonArray("a", "b"), ["n"] = new JsonObject { ["x"] = 1 } })),
        OperationStep.Op("update", collection, ("id", id), ("update", new JsonObject { ["$set"] = new JsonObject { ["v"] = 1, ["n.x"] = 2 }, ["$unset"] = new JsonObject { ["tags"] = "" } })),
        OperationStep.Op("replace", collection, ("id", id), ("doc", new JsonObject { ["_id"] = id, ["v"] = 2, ["r"] = true })),
        OperationStep.Op("delete", collection, ("id", id)),
    ];

    private static void AssertEnvelopes(ConnectorScenario scenario, IReadOnlyList<SourceEvent> truth)
    {
        var records = scenario.Reader.Records;
        var problems = new List<string>();
        problems.AddRange(records.DecodeFailures().Select(r => $"{r} does not decode through the registry: {r.DecodeError}"));
        foreach (var expected in truth)
        {
            var published = records.ByResumeToken(expected.Token);
            if (published.Count != 1)
            {
                problems.Add($"#{expected.Index} {expected.OperationType}: {published.Count} records");
                continue;
            }

            var record = published[0];
            problems.AddRange(EnvelopeAssertions.Differences(expected, record));
            if (expected.Collection is not null && expected.OperationType != "invalidate" && record.Topic != scenario.Topic(expected.Database!, expected.Collection))
            {
                problems.Add($"#{expected.Index} {expected.OperationType} went to {record.Topic}, expected {scenario.Topic(expected.Database!, expected.Collection)}");
            }

            if (expected.OperationType == "delete")
            {
                var following = records.ForDocument(record.Topic, record.DocumentKey!).SkipWhile(r => r.Offset != record.Offset).Skip(1).FirstOrDefault();
                if (following is null || !following.IsTombstone || following.Partition != record.Partition)
                {
                    problems.Add($"#{expected.Index} delete of {expected.DocumentKey} is not followed by a tombstone in its partition (next: {following?.ToString() ?? "nothing"})");
                }
            }
        }

        var report = DeliveryChecker.Check(truth, records.Snapshot(), [], maxInFlightEvents: 0);
        problems.AddRange(report.Problems);
        scenario.Log(report.Summary());
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + scenario.Connector.Describe());
    }
}
