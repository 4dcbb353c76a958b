using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Tests.Shared;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 5: `cdc run`'s /metrics, scraped while a workload runs and read by an independent Prometheus text-format
/// parser from npm. The key series must say what happened: events read and published by operation type equal to what
/// was written, tombstones for the deletes, in-flight gauges back to zero, a lag measured from after the workload ended
/// once caught up, one added-latency observation per published event, and every error kind present at zero. No bound
/// on how many seconds anything took: a loaded machine only makes the test wait longer.
/// </summary>
public sealed class MetricsEndpointTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const int Operations = 600;

    private static readonly string[] ErrorKinds = ["source", "resume_position_lost", "kafka", "schema_registry", "event", "checkpoint", "other"];

    // How far a real server's clock (CDC_IT_*, containers) may be from this machine's; the sandbox shares this clock.
    private const double ClockSkewSeconds = 120;

    [Fact]
    public async Task Metrics_scraped_during_a_workload_count_every_event_by_operation_type_and_settle_caught_up()
    {
        string[] collections = ["a", "b"];
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "metrics", collections);
        var connector = scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        using var endpoint = await OperationsEndpoint.FindAsync(connector, Deadlines.Step);
        await endpoint.WaitForReadinessAsync((status, _) => status == 200, "ready", Deadlines.Step, connector);

        var workloadStartedAt = DateTimeOffset.UtcNow;
        using var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, Operations, ratePerSecond: 300, transactionSize: 0, seed: 5);
        // A scrape once the connector has read something (the machine may be slow to start the workload): how soon that
        // happens is not what this test is about, so it waits under a generous deadline instead of a fixed delay.
        var during = await ScrapeOnceReadingAsync(endpoint, Deadlines.Step);
        var summary = await workload.CompletionAsync(Deadlines.Workload);
        var workloadEndedAt = DateTimeOffset.UtcNow;
        scenario.Log($"workload: {summary}");

        // Mid-workload: the exposition parses, and the in-flight gauges and the phase are there.
        Assert.Equal(200, during.Status);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", during.ContentType);
        Assert.NotNull(during.Value("cdc_in_flight_events"));
        Assert.NotNull(during.Value("cdc_in_flight_bytes"));
        Assert.True(during.ByLabel("cdc_events_read_total", "operation_type").Values.Sum() > 0, $"Nothing read within {Deadlines.Step.TotalSeconds:0} s of the workload's start:\n{during}");

        var expected = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var type in new[] { "insert", "update", "replace", "delete" })
        {
            if (summary.GetProperty(type).GetInt32() is var count and > 0)
            {
                expected[type] = count;
            }
        }

        Assert.Equal(Operations, expected.Values.Sum());
        var (settled, scrapedAt) = await SettledAsync(scenario, endpoint, Operations, workloadEndedAt);

        Assert.Equal(expected, settled.ByLabel("cdc_events_read_total", "operation_type"));
        Assert.Equal(expected, settled.ByLabel("cdc_events_published_total", "operation_type"));
        Assert.Equal(expected.GetValueOrDefault("delete"), settled.Value("cdc_tombstones_total"));
        Assert.Equal(0, settled.Value("cdc_dead_lettered_total"));
        Assert.Equal(0, settled.Value("cdc_events_skipped_total"));
        Assert.Equal(0, settled.Value("cdc_restarts_total"));
        Assert.Equal(0, settled.Value("cdc_in_flight_events"));
        Assert.Equal(0, settled.Value("cdc_in_flight_bytes"));

        var errors = settled.ByLabel("cdc_errors_total", "kind");
        Assert.Equal(ErrorKinds.Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, count => Assert.Equal(0, count));

        // Caught up: the lag is measured from a moment after the workload's last write (an empty batch of the idle
        // stream), not from an event of the workload. SettledAsync waited for that, however long it took here.
        var lag = settled.Value("cdc_source_lag_seconds");
        Assert.True(CaughtUp(lag, scrapedAt, workloadEndedAt), $"cdc_source_lag_seconds is {lag} at {scrapedAt:O}, the workload ended at {workloadEndedAt:O}.\n{settled}");

        // One added-latency observation per published event, in cumulative buckets ending at +Inf.
        var latency = settled.Histogram("cdc_added_latency_seconds");
        Assert.Equal(Operations, latency.Count);
        Assert.Equal(latency.Count, latency.Buckets["+Inf"]);
        Assert.True(latency.Sum > 0);
        Assert.True(latency.Buckets["0.001"] <= latency.Buckets["1"] && latency.Buckets["1"] <= latency.Buckets["+Inf"]);

        // The committed checkpoint is at the head (SettledAsync checked that no event follows it), so it was saved after the
        // workload's writes: its age is no more than the time since the workload started, and its cluster time lies
        // between the workload's start and now.
        Assert.True(settled.Value("cdc_checkpoints_committed_total") > 0);
        var age = settled.Value("cdc_checkpoint_age_seconds");
        var sinceWorkloadStarted = (DateTimeOffset.UtcNow - workloadStartedAt).TotalSeconds;
        Assert.True(age is { } a && a >= 0 && a <= sinceWorkloadStarted, $"cdc_checkpoint_age_seconds is {age}, the workload started {sinceWorkloadStarted:0.0} s ago.\n{settled}");
        var clusterTime = settled.Value("cdc_checkpoint_cluster_time_seconds");
        var (from, to) = (workloadStartedAt.ToUnixTimeSeconds() - ClockSkewSeconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + ClockSkewSeconds);
        Assert.True(clusterTime is { } t && t >= from && t <= to, $"cdc_checkpoint_cluster_time_seconds is {clusterTime}, outside {from}..{to} (the workload's start to now, give or take {ClockSkewSeconds} s of clock skew).\n{settled}");
        Assert.Equal(1, settled.Value("cdc_kafka_reachable"));
        Assert.Equal(1, settled.ByLabel("cdc_pipeline_phase", "phase")["reading"]);
        Assert.Single(settled.ByLabel("cdc_build_info", "version"));

        // Prometheus's conventions: the cdc_ prefix everywhere, counters end in _total.
        foreach (var family in settled.Families)
        {
            var name = family.GetProperty("name").GetString()!;
            Assert.StartsWith("cdc_", name, StringComparison.Ordinal);
            if (family.GetProperty("type").GetString() == "COUNTER")
            {
                Assert.EndsWith("_total", name, StringComparison.Ordinal);
            }
        }

        Assert.Equal("HISTOGRAM", settled.TypeOf("cdc_added_latency_seconds"));
        Assert.Equal((200, "ok\n"), await endpoint.GetAsync("/healthz"));
        Assert.False(connector.HasExited, connector.Describe());
    }

    /// <summary>Scrapes until events were read or the deadline passed; returns the last scrape either way.</summary>
    private static async Task<PrometheusScrape> ScrapeOnceReadingAsync(OperationsEndpoint endpoint, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var scrape = endpoint.Scrape();
        while (scrape.ByLabel("cdc_events_read_total", "operation_type").Values.Sum() == 0 && deadline.Elapsed < timeout)
        {
            await Task.Delay(200);
            scrape = endpoint.Scrape();
        }

        return scrape;
    }

    /// <summary>
    /// Scrapes until every written event was published and acknowledged and the connector has caught up: its source lag
    /// is measured from after the workload ended (<see cref="CaughtUp"/>), and no event of the database follows its
    /// committed checkpoint (resumed by the official Node.js driver). Returns that scrape and when it was started.
    /// Bounded only against a hang.
    /// </summary>
    private static async Task<(PrometheusScrape Scrape, DateTimeOffset ScrapedAt)> SettledAsync(
        ConnectorScenario scenario, OperationsEndpoint endpoint, int events, DateTimeOffset workloadEndedAt)
    {
        var clock = Stopwatch.StartNew();
        PrometheusScrape scrape;
        var eventsAfterCheckpoint = "not looked at yet";
        do
        {
            var scrapedAt = DateTimeOffset.UtcNow;
            scrape = endpoint.Scrape();
            var published = scrape.ByLabel("cdc_events_published_total", "operation_type").Values.Sum();
            if (published >= events && scrape.Value("cdc_in_flight_events") == 0 && scrape.Histogram("cdc_added_latency_seconds").Count >= events
                && CaughtUp(scrape.Value("cdc_source_lag_seconds"), scrapedAt, workloadEndedAt))
            {
                var left = EventsAfter(scenario, CheckpointFile.ReadTokenData(scenario.CheckpointPath));
                if (left == 0)
                {
                    return (scrape, scrapedAt);
                }

                eventsAfterCheckpoint = left?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no checkpoint";
            }

            await Task.Delay(300);
        }
        while (clock.Elapsed < Deadlines.Workload);

        throw new Xunit.Sdk.XunitException(
            $"The metrics did not settle at {events} published events, caught up, within {Deadlines.Workload.TotalSeconds:0} s (events after the committed checkpoint: {eventsAfterCheckpoint}):\n"
            + $"{scrape}\n{CheckpointFile.Describe(scenario.CheckpointPath)}\n{scenario.Connector.Describe()}");
    }

    /// <summary>
    /// The lag's reference point (now − lag, as of a scrape started at <paramref name="scrapedAt"/>) lies after the
    /// workload ended: the connector had read an empty batch since, so it had read every write of the workload. Both
    /// clocks are this machine's. Without a caught-up reader the reference is an event's time, at or before the end.
    /// </summary>
    private static bool CaughtUp(double? lagSeconds, DateTimeOffset scrapedAt, DateTimeOffset workloadEndedAt) =>
        lagSeconds is { } lag && lag >= 0 && scrapedAt - TimeSpan.FromSeconds(lag) > workloadEndedAt;

    /// <summary>How many events of the scenario's database follow <paramref name="token"/>; null without a token.</summary>
    private static int? EventsAfter(ConnectorScenario scenario, string? token)
    {
        if (token is null)
        {
            return null;
        }

        var input = new JsonObject { ["uri"] = scenario.Endpoints.MongoDbUri, ["db"] = scenario.Database, ["token"] = token };
        using var after = JsonDocument.Parse(NodeScript.Run("it/count-after.mjs", input.ToJsonString() + "\n", Deadlines.Step));
        return after.RootElement.GetProperty("events").GetInt32();
    }
}
