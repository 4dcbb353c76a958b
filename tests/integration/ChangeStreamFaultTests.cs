using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 4, scenario 5: getMore faults on the connector's change stream under load, injected with MongoDB's own
/// <c>failCommand</c> fail point restricted to the connector's application name (so the ground-truth watcher is never
/// hit). A resumable fault is resumed by the MongoDB driver itself: no gap, no duplicate, no restart. A fault the driver does not
/// resume ends the pipeline cycle: the connector reopens from its committed checkpoint, loses nothing, and republishes
/// only the tail after that checkpoint.
/// </summary>
public sealed partial class ChangeStreamFaultTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const string FailCommand = "failCommand";
    private const int ResumableFaults = 3;

    // The connector's warning for a failed getMore of its change stream (MongoDriverLog, event 1203).
    private const string GetMoreFailedLine = "the driver resumes the change stream once, then the connector reopens it";

    [Fact]
    public async Task Resumable_getMore_faults_under_load_are_resumed_by_the_driver_with_no_gap_no_duplicate_and_no_restart()
    {
        string[] collections = ["a", "b"];
        var appName = UniqueNames.For("cdc-it-resumable");
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "gm_ok", collections);
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["mongodb"]!["uri"] = MongoFailPoint.WithAppName(fixture.Endpoints.MongoDbUri, appName));
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);
        using var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, operations: 3000, ratePerSecond: 600, seed: 51);

        // HostUnreachable, ShutdownInProgress, InterruptedDueToReplStateChange: each labelled as mongod 4.4+ labels a
        // resumable change-stream getMore failure, spaced out over the load by its progress, not by a clock: fault n is
        // set once the source has seen n × 500 of the workload's 3000 writes, and once the one before has hit the
        // connector (its warning is logged), so a slow getMore never has a fault replaced before it fired.
        int? firedBefore = null;
        var injected = 0;
        foreach (var code in new[] { 6, 91, 11602 })
        {
            await watcher.WaitForCountAsync((injected + 1) * 500, Deadlines.Workload);
            var count = MongoFailPoint.Configure(fixture.Endpoints, FailCommand, new JsonObject { ["times"] = 1 }, GetMoreFault(appName, code, "ResumableChangeStreamError"));
            firedBefore ??= count;
            injected++;
            Assert.True(
                await OutputLines.WaitForCountAsync(scenario.Connector, GetMoreFailedLine, injected, Deadlines.Step),
                $"Resumable getMore fault {injected} (code {code}) did not reach the connector's change stream.\n{scenario.Connector.Describe()}");
        }

        var summary = await workload.CompletionAsync(Deadlines.Workload);
        var fired = MongoFailPoint.Off(fixture.Endpoints, FailCommand) - firedBefore!.Value;
        var report = await SettleAsync(scenario, watcher, committedAtRestart: null);

        scenario.Log($"workload: {summary}; the fail point fired {fired} times");
        Assert.Equal(summary.GetProperty("operations").GetInt32(), report.SourceEvents);
        Assert.True(fired == ResumableFaults, $"The resumable getMore fault fired {fired} times, expected {ResumableFaults}: the faults did not reach the connector's change stream.\n{scenario.Connector.Describe()}");
        Assert.True(report.Problems.Count == 0, report.Failure() + "\n" + scenario.Connector.Describe());
        var duplicates = scenario.Reader.Records.Duplicates();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} events were published more than once after resumable faults (expected exactly once).\n{report.Summary()}");
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
        Assert.DoesNotContain("Pipeline cycle failed", scenario.Connector.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Restarting in", scenario.Connector.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_getMore_fault_the_driver_does_not_resume_reopens_from_the_committed_checkpoint_losing_nothing()
    {
        string[] collections = ["a", "b"];
        var appName = UniqueNames.For("cdc-it-unresumable");
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "gm_bad", collections);
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["mongodb"]!["uri"] = MongoFailPoint.WithAppName(fixture.Endpoints.MongoDbUri, appName));
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);
        using var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, operations: 3000, ratePerSecond: 600, seed: 52);

        // 1 InternalError with no label: not resumable for a driver (wire version >= 9 resumes on the label only), and
        // nothing the connector knows to be permanent, so it restarts the cycle from its committed checkpoint. Set a
        // third of the way through the workload, measured by the source's progress, not by a clock.
        await watcher.WaitForCountAsync(1000, Deadlines.Workload);
        var firedBefore = MongoFailPoint.Configure(fixture.Endpoints, FailCommand, new JsonObject { ["times"] = 1 }, GetMoreFault(appName, 1));

        // The fault fires at the connector's next getMore and the restart follows: on a slow machine possibly after the
        // workload has ended, so the fail point is left on until the restart is logged.
        await OutputLines.WaitForAsync(scenario.Connector, "Restarting in", Deadlines.Step);
        var summary = await workload.CompletionAsync(Deadlines.Workload);
        var fired = MongoFailPoint.Off(fixture.Endpoints, FailCommand) - firedBefore;

        var restart = RestartLine().Match(scenario.Connector.Output);
        Assert.True(fired == 1 && restart.Success, $"Expected one fault (fired {fired}) and one restart line from the committed checkpoint.\n{scenario.Connector.Describe()}");
        var committed = restart.Groups["token"].Value;
        var report = await SettleAsync(scenario, watcher, committed);

        scenario.Log($"workload: {summary}; restarted from token {committed}");
        Assert.Equal(summary.GetProperty("operations").GetInt32(), report.SourceEvents);
        Assert.Contains("InternalError", scenario.Connector.Output, StringComparison.Ordinal);
        Assert.Single(RestartLine().Matches(scenario.Connector.Output));
        Assert.True(report.Problems.Count == 0, report.Failure() + "\n" + scenario.Connector.Describe());
        Assert.True(scenario.Reader.Records.Duplicates().Values.All(n => n == 2), "An event was published more than twice after one restart.\n" + report.Summary());
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    private static JsonObject GetMoreFault(string appName, int code, params string[] labels) => new()
    {
        ["failCommands"] = new JsonArray("getMore"),
        ["appName"] = appName,
        ["errorCode"] = code,

        // Explicit labels (empty included): mongod adds none of its own then, so the sandbox and a real server agree.
        ["errorLabels"] = new JsonArray(labels.Select(l => (JsonNode)l).ToArray()),
    };

    /// <summary>
    /// Waits for every source event, then checks delivery. With <paramref name="committedAtRestart"/>, the committed token of one
    /// in-process restart: its run starts at the first record repeating an earlier token.
    /// </summary>
    private static async Task<DeliveryReport> SettleAsync(ConnectorScenario scenario, GroundTruthWatcher watcher, string? committedAtRestart)
    {
        var truth = await watcher.StopAsync();
        var complete = await scenario.Reader.DrainAsync(truth, Deadlines.Workload);
        var records = scenario.Reader.Records.Snapshot();
        var restarts = new List<CrashPoint>();
        if (committedAtRestart is not null)
        {
            // The restarted run begins with its first republished record or, when it republished nothing (everything
            // read was committed before the reopen), with the first event after the committed token.
            var seen = new HashSet<string>();
            var firstRepeat = records.FirstOrDefault(r => r.ResumeToken is { } token && !seen.Add(token));
            var committedIndex = truth.FirstOrDefault(e => e.Token == committedAtRestart)?.Index;
            var firstAfter = committedIndex is { } k ? records.FirstOrDefault(r => truth.Any(e => e.Index > k && e.Token == r.ResumeToken)) : null;
            scenario.Log($"committed token at the restart: event #{committedIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "? (not an event token)"} of {truth.Count}");
            restarts.Add(new CrashPoint(firstRepeat?.Arrival ?? firstAfter?.Arrival ?? records.Count, committedAtRestart));
        }

        var report = DeliveryChecker.Check(truth, records, restarts, maxInFlightEvents: 0);
        if (!complete)
        {
            report.Problems.Add($"not every source event reached Kafka within {Deadlines.Workload.TotalSeconds:0} s");
        }

        scenario.Log(report.Summary());
        return report;
    }

    [GeneratedRegex(@"Restarting in \d+ ms \(failure \d+ in a row\) from token (?<token>[0-9A-Fa-f]+)")]
    private static partial Regex RestartLine();
}
