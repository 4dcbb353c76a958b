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
    private const int SourceEventsWhileStill = 1000;
    private static readonly TimeSpan MinimumOutage = TimeSpan.FromSeconds(5);

    // Only bounds a hang: the outage lasts until the source has grown enough while the connector stood still.
    private static readonly TimeSpan MaximumOutage = TimeSpan.FromSeconds(150);

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
        var standstill = new Standstill();
        long registryBackAtMs;
        TimeSpan outage;
        WorkloadWriter workload;
        await control.FailRegistryUntilClearedAsync(503);
        try
        {
            workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, operations: 4000, ratePerSecond: 400, seed: 7);
            Assert.True(
                await OutputLines.WaitForAsync(connector, "Schema Registry unavailable for subject", Deadlines.Step),
                $"The connector never reported the registry unavailable.\n{connector.Describe()}");

            // Keep the registry down for a while, and until the source has moved well past the point where the
            // checkpoint and the published records last moved: the events taken before the block are published and
            // committed whenever this machine gets to it, then both must stand still while the history grows.
            var held = Stopwatch.StartNew();
            while (held.Elapsed < MinimumOutage || watcher.Count - standstill.SourceEventsAtLastMove < SourceEventsWhileStill)
            {
                Assert.True(
                    held.Elapsed < MaximumOutage && !workload.HasExited,
                    $"The source grew by only {watcher.Count - standstill.SourceEventsAtLastMove} events since the checkpoint or the published records last moved "
                    + $"({standstill.Describe()}).\n{connector.Describe()}");
                await Task.Delay(200);
                standstill.Observe(CheckpointFile.ReadTokenData(scenario.CheckpointPath), scenario.Reader.Records.Count, watcher.Count);
            }

            outage = held.Elapsed;
            Assert.False(connector.HasExited, $"The connector exited while the registry was down.\n{connector.Describe()}");
        }
        finally
        {
            registryBackAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await control.ClearRegistryFaultsAsync();
        }

        using (workload)
        {
            var summary = await workload.CompletionAsync(Deadlines.Workload);
            var truth = await watcher.StopAsync();
            var complete = await scenario.Reader.DrainAsync(truth, Deadlines.Workload);

            var records = scenario.Reader.Records.Snapshot();
            var report = DeliveryChecker.Check(truth, records, [], maxInFlightEvents: 0);
            var unavailable = OutputLines.Matching(connector.Output, "Schema Registry unavailable for subject");
            var restarts = OutputLines.Count(connector.Output, "Pipeline cycle failed");
            scenario.Log($"workload: {summary}\nregistry down {outage.TotalSeconds:0.0} s after the connector blocked; {standstill.Describe()}; "
                + $"{unavailable.Count} 'unavailable' log lines, pipeline restarts {restarts}\n{report.Summary()}");
            Assert.Equal(summary.GetProperty("operations").GetInt32(), truth.Count);
            Assert.True(complete && report.Problems.Count == 0, report.Failure() + "\n" + connector.Describe());
            Assert.True(report.TotalDuplicates == 0 && restarts == 0 && !connector.HasExited, $"Expected recovery without a restart: {restarts} restarts, {report.TotalDuplicates} duplicates.\n{connector.Describe()}");
            Assert.NotEmpty(unavailable);
            Assert.Contains("reading resumes", connector.Output, StringComparison.Ordinal);

            // The event that needed the registry first held everything after it: nothing from it on was produced while
            // the registry was down (the producer's timestamps say when, whatever the reader's delay), and the
            // checkpoint never passed it.
            var blocked = truth.First(e => e.Collection != "a");
            var producedWhileDown = records.Where(r => r.TimestampMs > 0 && r.TimestampMs < registryBackAtMs && r.ResumeToken is { } token
                && truth.FirstOrDefault(e => e.Token == token) is { } e && e.Index >= blocked.Index).ToList();
            Assert.True(producedWhileDown.Count == 0, $"{producedWhileDown.Count} records of events from the blocked one (#{blocked.Index} {blocked.Namespace}) on were produced while the registry was down, e.g. {producedWhileDown.FirstOrDefault()}.");
            Assert.True(
                standstill.LastToken is null || string.CompareOrdinal(standstill.LastToken, blocked.Token) < 0,
                $"The checkpoint {standstill.LastToken} passed the event #{blocked.Index} {blocked.Token} that waited for the registry.");
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

        var exitCode = await connector.WaitForExit(Deadlines.Step);
        var truth = await watcher.StopAsync();

        // The connector has exited, so nothing more can come from it: the quiet spell only gives a lagging reader time
        // before the checks that nothing of the refused event or after it arrived (a reader still behind could only let
        // them pass, never fail); the events before it are waited for below.
        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(1000), Deadlines.Step);
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
        Assert.True(await scenario.Reader.WaitForTokensAsync(truth.Where(e => e.Index < needed.Index).Select(e => e.Token), Deadlines.Step), "The events before the refused one were not all published.");

        // The refused event was not skipped: a restart meets it again and stops the same way.
        var again = scenario.RestartConnector();
        var againExit = await again.WaitForExit(Deadlines.Step);
        Assert.True(againExit == 1 && again.Output.Contains($"'{subject}'", StringComparison.Ordinal), $"A restart did not stop at the same event.\n{again.Describe()}");
        Assert.Equal(committed, CheckpointFile.ReadTokenData(scenario.CheckpointPath));
        await scenario.Reader.StopAsync();
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.ResumeToken == after.Token || r.Topic == scenario.Topic("x"));
    }

    private static JsonObject Insert(string collection, string id) =>
        new() { ["op"] = "insert", ["coll"] = collection, ["doc"] = new JsonObject { ["_id"] = id, ["v"] = 0 } };
}
