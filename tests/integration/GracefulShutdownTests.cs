using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>Issue 4, scenario 8: SIGTERM under load exits 0 with every delivery settled within the grace period; a restart republishes nothing and loses nothing.</summary>
public sealed class GracefulShutdownTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const int GraceMs = 10_000;

    // Records of the workload the reader must have before the stop, so the stop falls under load.
    private const int RecordsBeforeStop = 300;

    [Fact]
    public async Task SIGTERM_under_load_exits_0_and_a_restart_publishes_no_duplicate_and_loses_nothing()
    {
        string[] collections = ["a", "b", "c"];
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "term", collections);
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["pipeline"]!["shutdownGraceMs"] = GraceMs);
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);
        var sentinels = scenario.Reader.Records.Count;
        using var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, operations: 6000, ratePerSecond: 1000, seed: 8);

        // Stop once the connector has published part of the workload, however long that takes on this machine.
        Assert.True(
            await scenario.Reader.WaitForCountAsync(sentinels + RecordsBeforeStop, Deadlines.Step),
            $"The reader got {scenario.Reader.Records.Count - sentinels} records of the workload, expected {RecordsBeforeStop} before the stop.\n{scenario.Connector.Describe()}");
        var stopped = scenario.Connector;
        stopped.Terminate();
        var exitCode = await stopped.WaitForExit(Deadlines.Step);

        // Within the grace period: the connector says when deliveries were still outstanding at its end (and exits 0 anyway).
        Assert.True(exitCode == 0, $"SIGTERM: expected exit 0.\n{stopped.Describe()}");
        Assert.DoesNotContain("still awaited Kafka's acknowledgement at the deadline", stopped.Output, StringComparison.Ordinal);

        // The process is gone: every record it produced is stamped before now, every later one comes from the restart.
        var endedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stop = new CrashPoint(scenario.Reader.Records.Count, CheckpointFile.ReadTokenData(scenario.CheckpointPath), endedAtMs);
        scenario.Log($"stopped after {stop.RecordsBefore} records read; checkpoint: {CheckpointFile.Describe(scenario.CheckpointPath)}");

        scenario.RestartConnector();
        var summary = await workload.CompletionAsync(Deadlines.Workload);
        scenario.Log($"workload: {summary}");
        var truth = await watcher.StopAsync();
        var complete = await scenario.Reader.DrainAsync(truth, Deadlines.Workload);

        var records = scenario.Reader.Records.Snapshot();
        var report = DeliveryChecker.Check(truth, records, [stop], maxInFlightEvents: 0);
        scenario.Log(report.Summary());
        Assert.Equal(summary.GetProperty("operations").GetInt32(), truth.Count);
        Assert.True(complete && report.Problems.Count == 0, report.Failure() + "\n" + scenario.Connector.Describe());
        Assert.True(report.TotalDuplicates == 0, $"A restart after SIGTERM republished {report.TotalDuplicates} events.\n{report.Summary()}");
        var sources = truth.Select(e => e.Token).ToHashSet();
        var before = records.Count(r => r.ResumeToken is { } token && sources.Contains(token) && r.TimestampMs <= endedAtMs);
        var after = records.Count(r => r.ResumeToken is { } token && sources.Contains(token) && r.TimestampMs > endedAtMs);
        Assert.True(before > 0 && after > 0, $"The stop did not fall under load: {before} workload records published before it, {after} after.");
    }
}
