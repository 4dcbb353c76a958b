using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 4, scenario 7. A registry answering 503 while new topics need their schemas: the connector stops reading
/// (back-pressure: its checkpoint stands still), retries, and resumes by itself when the registry answers, losing and
/// duplicating nothing. A registry answering 409 (the subject holds an incompatible schema under BACKWARD): the
/// connector exits 1 with one line naming the subject, never committing past the event that needed the schema.
/// </summary>
public sealed class RegistryFaultTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private static readonly TimeSpan MinimumOutage = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaximumOutage = TimeSpan.FromSeconds(20);

    [SandboxFaultFact]
    public async Task A_registry_down_under_load_pauses_reading_and_recovery_without_restart_loses_nothing()
    {
        string[] collections = ["a", "b", "c"];
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "regdown", collections);
        using var control = new SandboxControl(fixture.Endpoints);
        var connector = scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);

        // Topic a's schemas are cached (the sentinels); b and c need the registry for their first event.
        string? tokenEarly;
        string? tokenLate;
        int truthEarly;
        int truthLate;
        int recordsEarly;
        int recordsLate;
        TimeSpan outage;
        WorkloadWriter workload;
        await control.FailRegistryUntilClearedAsync(503);
        try
        {
            workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, operations: 4000, ratePerSecond: 400, seed: 7);

            // Once the connector says it waits for the registry, the events it had taken are committed within an interval or two.
            Assert.True(
                await OutputLines.WaitForAsync(connector, "Schema Registry unavailable for subject", TimeSpan.FromSeconds(20)),
                $"The connector never reported the registry unavailable.\n{connector.Describe()}");
            await Task.Delay(1000);
            tokenEarly = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
            truthEarly = watcher.Count;
            recordsEarly = scenario.Reader.Records.Count;

            // Keep the registry down for a while and until the source has moved well past the blocked event.
            var held = Stopwatch.StartNew();
            while (held.Elapsed < MinimumOutage || (watcher.Count - truthEarly < 1000 && held.Elapsed < MaximumOutage))
            {
                await Task.Delay(200);
            }

            outage = held.Elapsed + TimeSpan.FromSeconds(1);
            tokenLate = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
            truthLate = watcher.Count;
            recordsLate = scenario.Reader.Records.Count;
            Assert.False(connector.HasExited, $"The connector exited while the registry was down.\n{connector.Describe()}");
        }
        finally
        {
            await control.ClearRegistryFaultsAsync();
        }

        using (workload)
        {
            var summary = await workload.CompletionAsync(TimeSpan.FromSeconds(30));
            var truth = await watcher.StopAsync();
            var complete = await scenario.Reader.DrainAsync(truth, TimeSpan.FromSeconds(30));

            var report = DeliveryChecker.Check(truth, scenario.Reader.Records.Snapshot(), [], maxInFlightEvents: 0);
            var unavailable = OutputLines.Matching(connector.Output, "Schema Registry unavailable for subject");
            var restarts = OutputLines.Count(connector.Output, "Pipeline cycle failed");
            scenario.Log($"workload: {summary}\nregistry down {outage.TotalSeconds:0.0} s after the connector blocked: source events {truthEarly} → {truthLate}, records read {recordsEarly} → {recordsLate}, "
                + $"checkpoint {tokenEarly} → {tokenLate}; {unavailable.Count} 'unavailable' log lines, pipeline restarts {restarts}\n{report.Summary()}");
            Assert.Equal(summary.GetProperty("operations").GetInt32(), truth.Count);
            Assert.True(complete && report.Problems.Count == 0, report.Failure() + "\n" + connector.Describe());
            Assert.True(report.TotalDuplicates == 0 && restarts == 0 && !connector.HasExited, $"Expected recovery without a restart: {restarts} restarts, {report.TotalDuplicates} duplicates.\n{connector.Describe()}");
            Assert.True(truthLate - truthEarly >= 1000, $"Only {truthLate - truthEarly} source events were written while the registry was down.");
            Assert.True(tokenEarly == tokenLate && recordsEarly == recordsLate, $"The connector kept publishing or committing while it could not register schemas: checkpoint {tokenEarly} → {tokenLate}, records {recordsEarly} → {recordsLate}.");
            Assert.NotEmpty(unavailable);
            Assert.Contains("reading resumes", connector.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_409_from_the_registry_exits_1_naming_the_subject_and_never_commits_past_the_event()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "reg409", "a", "x");
        var subject = scenario.Topic("x") + "-value";
        using (var registry = new SchemaRegistryAdmin(fixture.Endpoints.SchemaRegistryUrl))
        {
            // A record envelope can never read a plain string: under BACKWARD the connector's value schema is refused.
            await registry.RegisterAsync(subject, "\"string\"");
            await registry.SetCompatibilityAsync(subject, "BACKWARD");
        }

        var connector = scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);
        scenario.RunOperations(
            scenario.Database,
            Insert("a", "a-1"),
            Insert("a", "a-2"),
            Insert("x", "x-1"),
            Insert("a", "a-3"));

        var exitCode = await connector.WaitForExit(TimeSpan.FromSeconds(30));
        var truth = await watcher.StopAsync();
        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(1000), TimeSpan.FromSeconds(5));
        var committed = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
        var errorLines = OutputLines.Matching(connector.Output, "err: cdc run:");
        scenario.Log($"exit {exitCode}; committed {committed}; error lines:\n{string.Join("\n", errorLines)}");

        Assert.True(exitCode == 1, $"Expected exit 1 on the registry's 409.\n{connector.Describe()}");
        var line = Assert.Single(errorLines);
        Assert.Contains($"'{subject}'", line, StringComparison.Ordinal);
        Assert.Contains("409", line, StringComparison.Ordinal);

        var needed = truth.Single(e => e.Collection == "x");
        var after = truth.Single(e => e.DocumentKey == "{\"_id\":\"a-3\"}");
        Assert.True(committed is not null && string.CompareOrdinal(committed, needed.Token) < 0, $"The checkpoint {committed} is not before the refused event {needed.Token}.");
        var records = scenario.Reader.Records.Snapshot();
        Assert.DoesNotContain(records, r => r.Topic == scenario.Topic("x"));
        Assert.DoesNotContain(records, r => r.ResumeToken == after.Token);
        Assert.True(await scenario.Reader.WaitForTokensAsync(truth.Where(e => e.Index < needed.Index).Select(e => e.Token), TimeSpan.FromSeconds(5)), "The events before the refused one were not all published.");

        // The refused event was not skipped: a restart meets it again and stops the same way.
        var again = scenario.RestartConnector();
        var againExit = await again.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(againExit == 1 && again.Output.Contains($"'{subject}'", StringComparison.Ordinal), $"A restart did not stop at the same event.\n{again.Describe()}");
        Assert.Equal(committed, CheckpointFile.ReadTokenData(scenario.CheckpointPath));
        await scenario.Reader.StopAsync();
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.ResumeToken == after.Token || r.Topic == scenario.Topic("x"));
    }

    private static JsonObject Insert(string collection, string id) =>
        new() { ["op"] = "insert", ["coll"] = collection, ["doc"] = new JsonObject { ["_id"] = id, ["v"] = 0 } };
}
