using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 14: SIGTERM while a fault holds the connector, with a short pipeline.shutdownGraceMs. With the Schema Registry
/// failing (an event waits for its schema) or with every broker down (deliveries outstanding in the real librdkafka),
/// `cdc run` still exits 0, its last commit is the acknowledged prefix (never past an event Kafka did not acknowledge,
/// so a restart with the fault gone loses nothing), and its own last word on the stop says what ended the wait for
/// deliveries: every acknowledgement in, or the grace deadline. An unbounded stop would hang past the test's deadline.
/// </summary>
public sealed class ShutdownUnderFaultTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const int GraceMs = 3000;

    // Written while every broker is down: the deliveries still outstanding when the stop comes.
    private const int EventsWhileDown = 40;

    private const string AllAcknowledged = "Stop: every delivery acknowledged";
    private const string GraceEnded = "ms grace (pipeline.shutdownGraceMs) ended the wait for deliveries";
    private const string Outstanding = "still awaited Kafka's acknowledgement at the deadline";

    [SandboxFaultFact]
    public async Task SIGTERM_while_the_registry_fails_exits_0_committing_only_the_acknowledged_prefix()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "termreg", "a", "b");
        using var control = new SandboxControl(fixture.Endpoints);
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["pipeline"]!["shutdownGraceMs"] = GraceMs);
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);

        ConnectorProcess stopped;
        long endedAtMs;
        int? exitCode;
        await control.FailRegistryUntilClearedAsync(503);
        try
        {
            // Topic a's schemas are cached (the sentinels): a-1 and a-2 are published; b-1 needs the registry and holds
            // everything read after it.
            scenario.RunOperations(scenario.Database, Insert("a", "a-1"), Insert("a", "a-2"), Insert("b", "b-1"), Insert("a", "a-3"));
            Assert.True(
                await OutputLines.WaitForAsync(scenario.Connector, "Schema Registry unavailable for subject", Deadlines.Step),
                $"The connector never reported the registry unavailable.\n{scenario.Connector.Describe()}");
            await WaitForSourceEventsAsync(watcher, 4);
            var acknowledged = watcher.Snapshot().Where(e => e.Collection == "a").Take(2).Select(e => e.Token).ToList();
            Assert.True(
                await scenario.Reader.WaitForTokensAsync(acknowledged, Deadlines.Step),
                $"a-1 and a-2 (schemas cached) did not reach Kafka before the stop.\n{scenario.Connector.Describe()}");

            stopped = scenario.Connector;
            stopped.Terminate();
            exitCode = await stopped.WaitForExit(Deadlines.Step);
            endedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        }
        finally
        {
            await control.ClearRegistryFaultsAsync();
        }

        var truth = watcher.Snapshot();
        var committed = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
        scenario.Log($"exit {exitCode}; checkpoint: {CheckpointFile.Describe(scenario.CheckpointPath)}");
        Assert.True(exitCode == 0, $"SIGTERM while the registry failed: expected exit 0.\n{stopped.Describe()}");
        Assert.Contains(AllAcknowledged, stopped.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Outstanding, stopped.Output, StringComparison.Ordinal);

        // The acknowledged prefix: up to a-2, never as far as b-1, which never got its schema.
        var lastAcknowledged = truth.Single(e => e.DocumentKey == "{\"_id\":\"a-2\"}");
        var blocked = truth.Single(e => e.Collection == "b");
        Assert.True(
            committed is not null && string.CompareOrdinal(committed, lastAcknowledged.Token) >= 0 && string.CompareOrdinal(committed, blocked.Token) < 0,
            $"The final checkpoint {committed ?? "(none)"} is not between the acknowledged a-2 ({lastAcknowledged.Token}) and the blocked b-1 ({blocked.Token}).");

        await AssertRestartLosesNothingAsync(scenario, watcher, scenario.Reader, new CrashPoint(scenario.Reader.Records.Count, committed, endedAtMs));
    }

    [SandboxFaultFact]
    public async Task SIGTERM_with_every_broker_down_exits_0_at_the_grace_deadline_committing_only_the_acknowledged_prefix()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "termdown", "a");
        using var control = new SandboxControl(fixture.Endpoints);
        var connector = scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["pipeline"]!["shutdownGraceMs"] = GraceMs);
        await scenario.WaitUntilStreamingAsync("a");
        using var endpoint = await OperationsEndpoint.FindAsync(connector, Deadlines.Step);
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);
        scenario.RunOperations(scenario.Database, Insert("a", "before"));
        await WaitForSourceEventsAsync(watcher, 1);
        var before = watcher.Snapshot();
        Assert.True(
            await scenario.Reader.WaitForTokensAsync([before[0].Token], Deadlines.Step),
            $"The event before the outage did not reach Kafka.\n{connector.Describe()}");

        // Acknowledged and committed before the outage: the one event the final commit must cover.
        var committedDeadline = DateTime.UtcNow + Deadlines.Step;
        while (CheckpointFile.ReadTokenData(scenario.CheckpointPath) is not { } token || string.CompareOrdinal(token, before[0].Token) < 0)
        {
            Assert.True(DateTime.UtcNow < committedDeadline, $"The event before the outage ({before[0].Token}) was never committed: {CheckpointFile.Describe(scenario.CheckpointPath)}\n{connector.Describe()}");
            await Task.Delay(100);
        }

        // kafkajs gives up on a cluster that is gone; a fresh reader after the outage reads the topic from the start.
        await scenario.Reader.StopAsync();
        long endedAtMs;
        int? exitCode;
        await control.AllBrokersDownAsync();
        try
        {
            scenario.RunOperations(scenario.Database, Enumerable.Range(0, EventsWhileDown).Select(i => Insert("a", $"down-{i}")).ToArray());

            // The connector has read them and handed them to librdkafka, which cannot deliver them.
            double? inFlight = null;
            var deadline = DateTime.UtcNow + Deadlines.Step;
            while ((inFlight = endpoint.Scrape().Value("cdc_in_flight_events")) is not >= EventsWhileDown)
            {
                Assert.True(DateTime.UtcNow < deadline && !connector.HasExited, $"cdc_in_flight_events is {inFlight}, expected {EventsWhileDown} events awaiting Kafka.\n{connector.Describe()}");
                await Task.Delay(200);
            }

            connector.Terminate();
            exitCode = await connector.WaitForExit(Deadlines.Step);
            endedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        }
        finally
        {
            await control.AllBrokersUpAsync();
        }

        await WaitForSourceEventsAsync(watcher, 1 + EventsWhileDown);
        var truth = watcher.Snapshot();
        var committed = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
        scenario.Log($"exit {exitCode}; checkpoint: {CheckpointFile.Describe(scenario.CheckpointPath)}");
        Assert.True(exitCode == 0, $"SIGTERM with every broker down: expected exit 0.\n{connector.Describe()}");
        var warning = Assert.Single(OutputLines.Matching(connector.Output, Outstanding));
        Assert.Contains($"{EventsWhileDown} events", warning, StringComparison.Ordinal);
        var ended = Assert.Single(OutputLines.Matching(connector.Output, GraceEnded));
        Assert.Contains($"Stop: the {GraceMs} ms grace", ended, StringComparison.Ordinal);
        Assert.DoesNotContain(AllAcknowledged, connector.Output, StringComparison.Ordinal);

        // The acknowledged prefix: the event before the outage, none of those written while every broker was down.
        var firstWhileDown = truth[1];
        Assert.True(
            committed is not null && string.CompareOrdinal(committed, before[0].Token) >= 0 && string.CompareOrdinal(committed, firstWhileDown.Token) < 0,
            $"The final checkpoint {committed ?? "(none)"} is not between the acknowledged {before[0].Token} and the first unacknowledged {firstWhileDown.Token}.");

        using var reader = await KafkaRecordReader.StartAsync(fixture.Endpoints, scenario.TopicPrefix, scenario.Topic("a"));
        await AssertRestartLosesNothingAsync(scenario, watcher, reader, new CrashPoint(0, committed, endedAtMs));
    }

    /// <summary>
    /// Restarts the connector with the fault gone, adds a write after the restart, and checks Kafka against the source:
    /// nothing lost, and nothing published twice (the stopped process delivered nothing past its last commit).
    /// </summary>
    private static async Task AssertRestartLosesNothingAsync(ConnectorScenario scenario, GroundTruthWatcher watcher, KafkaRecordReader reader, CrashPoint stop)
    {
        var restarted = scenario.RestartConnector();
        scenario.RunOperations(scenario.Database, Insert("a", "after"));
        var truth = await watcher.StopAsync();
        var complete = await reader.DrainAsync(truth, Deadlines.Step);
        var report = DeliveryChecker.Check(truth, reader.Records.Snapshot(), [stop], maxInFlightEvents: 0);
        scenario.Log(report.Summary());
        Assert.True(complete && report.Problems.Count == 0, report.Failure() + "\n" + restarted.Describe());
        Assert.True(report.TotalDuplicates == 0, $"The restart republished {report.TotalDuplicates} events.\n{report.Summary()}");
    }

    private static async Task WaitForSourceEventsAsync(GroundTruthWatcher watcher, int count)
    {
        var deadline = DateTime.UtcNow + Deadlines.Step;
        while (watcher.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The ground-truth watcher saw {watcher.Count} source events, expected {count}.");
            await Task.Delay(100);
        }
    }

    private static JsonObject Insert(string collection, string id) =>
        new() { ["op"] = "insert", ["coll"] = collection, ["doc"] = new JsonObject { ["_id"] = id, ["v"] = 0 } };
}
