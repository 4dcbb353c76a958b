using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 4, scenario 6: the connector is stopped (SIGTERM, a clean commit), more changes than the oplog keeps are
/// written, and it starts again. By default (mongodb.onHistoryLost=fail) it exits 1 with one line naming 286
/// ChangeStreamHistoryLost and the fix, and commits nothing; with <c>--set mongodb.onHistoryLost=restartFromNow</c> it
/// says loudly what was lost, continues from now, and publishes later writes.
/// </summary>
public sealed class HistoryLostTests(OplogWindowSandboxFixture fixture, ITestOutputHelper output) : IClassFixture<OplogWindowSandboxFixture>
{
    private const int WritesWhileStopped = OplogWindowSandboxFixture.OplogWindow * 2;

    [SandboxFaultFact]
    public async Task By_default_a_lost_resume_position_exits_1_with_one_line_naming_286_and_the_fix()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "lost_fail", "a", "lost");
        var committed = await StopThenOverrunTheOplogAsync(scenario);

        var restarted = scenario.RestartConnector();
        var exitCode = await restarted.WaitForExit(Deadlines.Step);
        Assert.True(exitCode == 1, $"Expected exit 1 after the history was lost.\n{restarted.Describe()}");
        var lines = restarted.Output.Split('\n');
        var explained = lines.Where(l => l.Contains("286", StringComparison.Ordinal) && l.Contains("ChangeStreamHistoryLost", StringComparison.Ordinal)
            && l.Contains("mongodb.onHistoryLost=restartFromNow", StringComparison.Ordinal)).ToList();
        Assert.True(explained.Count >= 1, $"No line names 286 ChangeStreamHistoryLost together with the fix (mongodb.onHistoryLost=restartFromNow).\n{restarted.Describe()}");
        Assert.Contains(explained, l => l.Contains(committed, StringComparison.Ordinal));

        // The process's own last word (after the log) is that same explanation, on one line.
        Assert.Contains(explained, l => l.StartsWith("err: cdc run: ", StringComparison.Ordinal));
        Assert.DoesNotContain("RESUME POSITION LOST", restarted.Output, StringComparison.Ordinal);

        // Nothing moved: the checkpoint still names the lost position (a human decides), and nothing was published.
        Assert.Equal(committed, CheckpointFile.ReadTokenData(scenario.CheckpointPath));
        // The connector has exited, so nothing more can come from it: the quiet spell only gives a lagging reader time,
        // and a reader still behind could only let this check pass, never fail it.
        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(800), Deadlines.Step);
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.Topic == scenario.Topic("lost"));
    }

    [SandboxFaultFact]
    public async Task With_restartFromNow_a_lost_resume_position_is_reported_loudly_and_later_writes_are_published()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "lost_now", "a", "lost", "after");
        var committed = await StopThenOverrunTheOplogAsync(scenario);

        var restarted = scenario.RestartConnector("--set", "mongodb.onHistoryLost=restartFromNow");
        await scenario.WaitUntilStreamingAsync("after");
        var loud = restarted.Output.Split('\n').Where(l => l.Contains("RESUME POSITION LOST", StringComparison.Ordinal)).ToList();
        Assert.True(loud.Count == 1, $"Expected one RESUME POSITION LOST line.\n{restarted.Describe()}");
        Assert.Contains(committed, loud[0], StringComparison.Ordinal);
        Assert.Contains("286", loud[0], StringComparison.Ordinal);
        Assert.Contains("NOT published", loud[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Set mongodb.onHistoryLost", restarted.Output, StringComparison.Ordinal);

        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);
        var writes = Enumerable.Range(0, 20).Select(i => new JsonObject { ["op"] = "insert", ["coll"] = "after", ["doc"] = new JsonObject { ["_id"] = $"after-{i}", ["v"] = 0 } })
            .Append(new JsonObject { ["op"] = "update", ["coll"] = "after", ["id"] = "after-3", ["update"] = new JsonObject { ["$set"] = new JsonObject { ["v"] = 1 } } })
            .ToArray();
        scenario.RunOperations(scenario.Database, writes);
        var truth = await watcher.StopAsync();
        Assert.Equal(writes.Length, truth.Count);
        var complete = await scenario.Reader.DrainAsync(truth, Deadlines.Step);

        var report = DeliveryChecker.Check(truth, scenario.Reader.Records.Snapshot(), [], maxInFlightEvents: 0);
        scenario.Log(report.Summary());
        Assert.True(complete && report.Problems.Count == 0, report.Failure() + "\n" + restarted.Describe());
        Assert.Equal(0, report.TotalDuplicates);
        Assert.Empty(scenario.Reader.Records.Duplicates());

        // The skipped changes stay skipped, the connector keeps running, and it committed past the lost position.
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.Topic == scenario.Topic("lost"));
        Assert.False(restarted.HasExited, restarted.Describe());
        Assert.NotEqual(committed, CheckpointFile.ReadTokenData(scenario.CheckpointPath));
    }

    [SandboxFaultFact]
    public async Task With_whenNeeded_a_lost_resume_position_is_recovered_by_snapshotting_every_collection_again_loudly()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "lost_snap", "a", "lost");
        var committed = await StopThenOverrunTheOplogAsync(scenario);

        var restarted = scenario.RestartConnector("--set", "snapshot.mode=whenNeeded");
        var loud = await WaitForLineAsync(restarted, "RESUME POSITION LOST");
        Assert.Contains(committed, loud, StringComparison.Ordinal);
        Assert.Contains("snapshot.mode=whenNeeded", restarted.Output, StringComparison.Ordinal);
        Assert.Contains("snapshotting every collection in scope again", restarted.Output, StringComparison.Ordinal);

        // Every document the lost changes left in "lost" arrives as a snapshot row, in its current state.
        var input = new JsonObject { ["uri"] = scenario.Endpoints.MongoDbUri, ["db"] = scenario.Database, ["collections"] = new JsonArray("lost") };
        var documents = JsonNode.Parse(Cdc.Tests.Shared.NodeScript.Run("it/dump.mjs", input.ToJsonString() + "\n", Deadlines.Step))!["collections"]!["lost"]!.AsArray();
        Assert.NotEmpty(documents);
        var topic = scenario.Topic("lost");
        Assert.True(
            await WaitForRowsAsync(scenario, topic, documents.Count),
            restarted.Describe());
        var rows = scenario.Reader.Records.Snapshot().Where(r => r.Topic == topic && r.OperationType == "snapshot")
            .ToDictionary(r => r.DocumentKey!, r => JsonNode.Parse(r.Value!.Value.GetProperty("fullDocument").GetString()!));
        foreach (var document in documents)
        {
            var key = JsonText.Compact(new JsonObject { ["_id"] = document!["_id"]!.DeepClone() }.ToJsonString())!;
            Assert.True(rows.TryGetValue(key, out var row) && JsonNode.DeepEquals(row, document), $"{key}: snapshot row {row?.ToJsonString() ?? "(none)"}, MongoDB holds {document.ToJsonString()}");
        }

        Assert.Equal(documents.Count, rows.Count);
        Assert.False(restarted.HasExited, restarted.Describe());
        Assert.Contains("\"trigger\":\"historyLost\"", CheckpointFile.Describe(scenario.CheckpointPath), StringComparison.Ordinal);
    }

    /// <summary>Polls the reader until <paramref name="topic"/> holds <paramref name="rows"/> snapshot rows.</summary>
    private static async Task<bool> WaitForRowsAsync(ConnectorScenario scenario, string topic, int rows)
    {
        var deadline = DateTime.UtcNow + Deadlines.Step;
        while (scenario.Reader.Records.Snapshot().Count(r => r.Topic == topic && r.OperationType == "snapshot") < rows)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200);
        }

        return true;
    }

    private static async Task<string> WaitForLineAsync(ConnectorProcess process, string text)
    {
        var deadline = DateTime.UtcNow + Deadlines.Step;
        while (DateTime.UtcNow < deadline)
        {
            if (process.Output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            Assert.False(process.HasExited, process.Describe());
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No line with '{text}' within the deadline.\n{process.Describe()}");
    }

    /// <summary>
    /// Streams until the connector publishes, stops it with SIGTERM (exit 0, a committed token), then writes twice the
    /// oplog window to another collection so the committed position leaves the history. Returns the committed token.
    /// </summary>
    private static async Task<string> StopThenOverrunTheOplogAsync(ConnectorScenario scenario)
    {
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("a");

        // The stop below commits what was published; waiting for a first commit makes sure there is one to stop on.
        await CheckpointFile.WaitForTokenAsync(scenario.CheckpointPath, Deadlines.Step);
        var first = scenario.Connector;
        first.Terminate();
        var exitCode = await first.WaitForExit(Deadlines.Step);
        Assert.True(exitCode == 0, $"SIGTERM: expected exit 0.\n{first.Describe()}");
        var committed = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
        Assert.True(committed is not null, $"No token committed at the stop: {CheckpointFile.Describe(scenario.CheckpointPath)}");

        using var workload = WorkloadWriter.Start(scenario.Endpoints, scenario.Database, ["lost"], operations: WritesWhileStopped, seed: 6);
        var summary = await workload.CompletionAsync(Deadlines.Workload);
        scenario.Log($"while stopped (committed {committed}): {summary}");
        return committed!;
    }
}
