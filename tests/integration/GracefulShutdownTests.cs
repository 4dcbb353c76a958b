using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>Issue 4, scenario 8: SIGTERM under load exits 0 within the grace period; a restart republishes nothing and loses nothing.</summary>
public sealed class GracefulShutdownTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const int GraceMs = 10_000;

    [Fact]
    public async Task SIGTERM_under_load_exits_0_and_a_restart_publishes_no_duplicate_and_loses_nothing()
    {
        string[] collections = ["a", "b", "c"];
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "term", collections);
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["pipeline"]!["shutdownGraceMs"] = GraceMs);
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);
        using var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, operations: 6000, ratePerSecond: 1000, seed: 8);

        await Task.Delay(2500);
        var stopped = scenario.Connector;
        stopped.Terminate();
        var exitCode = await stopped.WaitForExit(TimeSpan.FromMilliseconds(GraceMs + 5000));
        Assert.True(exitCode == 0, $"SIGTERM: expected exit 0 within the grace period.\n{stopped.Describe()}");
        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(10));
        var stop = new CrashPoint(scenario.Reader.Records.Count, CheckpointFile.ReadTokenData(scenario.CheckpointPath));
        scenario.Log($"stopped after {stop.RecordsBefore} records; checkpoint: {CheckpointFile.Describe(scenario.CheckpointPath)}");

        scenario.RestartConnector();
        var summary = await workload.CompletionAsync(TimeSpan.FromSeconds(40));
        scenario.Log($"workload: {summary}");
        var truth = await watcher.StopAsync();
        var complete = await scenario.Reader.DrainAsync(truth, TimeSpan.FromSeconds(30));

        var report = DeliveryChecker.Check(truth, scenario.Reader.Records.Snapshot(), [stop], maxInFlightEvents: 0);
        scenario.Log(report.Summary());
        Assert.Equal(summary.GetProperty("operations").GetInt32(), truth.Count);
        Assert.True(complete && report.Problems.Count == 0, report.Failure() + "\n" + scenario.Connector.Describe());
        Assert.True(report.TotalDuplicates == 0, $"A restart after SIGTERM republished {report.TotalDuplicates} events.\n{report.Summary()}");
        Assert.True(stop.RecordsBefore > 0 && stop.RecordsBefore < report.DataRecords, $"The stop did not fall under load: {stop.RecordsBefore} of {report.DataRecords} records before it.");
    }
}
