using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 4, scenario 2: `kill -9` of `cdc run` at random moments under load, five times, restarting with the same
/// configuration each time: every source event is in Kafka, each document's first occurrences follow the source
/// order, and duplicates come only from the tail replayed after each crash.
/// </summary>
public sealed class CrashRecoveryTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const int Kills = 5;
    private const int MaxInFlightEvents = 1000;

    [Fact]
    public async Task Five_kill_9s_under_load_lose_nothing_keep_per_document_order_and_duplicate_only_the_replayed_tail()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"kill timing seed {seed}");
        string[] collections = ["a", "b", "c", "d"];
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "kill", collections);
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["pipeline"]!["maxInFlightEvents"] = MaxInFlightEvents);
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);
        using var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, operations: 12_000, ratePerSecond: 800, seed: 2);

        var crashes = new List<CrashPoint>();
        for (var kill = 1; kill <= Kills; kill++)
        {
            // A random moment of the load: whatever happened by then, the checks below hold (they need no progress).
            await Task.Delay(random.Next(1200, 3000));
            var victim = scenario.Connector;
            Assert.False(victim.HasExited, $"The connector exited by itself before kill {kill}.\n{victim.Describe()}");
            victim.Kill();
            var endedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

            // Records are attributed to lives by their producer timestamps against endedAtMs (CrashPoint), so how far
            // the reader got in this quiet spell changes no verdict, only the count logged below.
            await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(700), Deadlines.Step);
            var crash = new CrashPoint(scenario.Reader.Records.Count, CheckpointFile.ReadTokenData(scenario.CheckpointPath), endedAtMs);
            crashes.Add(crash);
            output.WriteLine($"kill {kill}: {crash.RecordsBefore} records read so far, committed token {crash.CommittedToken ?? "(none)"}");
            scenario.RestartConnector();
        }

        var summary = await workload.CompletionAsync(Deadlines.Workload);
        output.WriteLine($"workload: {summary}");
        var truth = await watcher.StopAsync();
        var complete = await scenario.Reader.DrainAsync(truth, Deadlines.Workload);

        var report = DeliveryChecker.Check(truth, scenario.Reader.Records.Snapshot(), crashes, MaxInFlightEvents);
        output.WriteLine(report.Summary());
        Assert.Equal(summary.GetProperty("operations").GetInt32(), truth.Count);
        Assert.True(complete && report.Problems.Count == 0, report.Failure() + "\n" + scenario.Connector.Describe());
    }
}
