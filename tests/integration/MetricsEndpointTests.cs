using System.Diagnostics;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 5: `cdc run`'s /metrics, scraped while a workload runs and read by an independent Prometheus text-format
/// parser from npm. The key series must say what happened: events read and published by operation type equal to what
/// was written, tombstones for the deletes, in-flight gauges back to zero and lag about zero once caught up, one
/// added-latency observation per published event, and every error kind present at zero.
/// </summary>
public sealed class MetricsEndpointTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const int Operations = 600;

    private static readonly string[] ErrorKinds = ["source", "resume_position_lost", "kafka", "schema_registry", "event", "checkpoint", "other"];

    [Fact]
    public async Task Metrics_scraped_during_a_workload_count_every_event_by_operation_type_and_settle_caught_up()
    {
        string[] collections = ["a", "b"];
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "metrics", collections);
        var connector = scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        using var endpoint = await OperationsEndpoint.FindAsync(connector, Deadlines.Step);
        await endpoint.WaitForReadinessAsync((status, _) => status == 200, "ready", Deadlines.Step, connector);

        using var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, Operations, ratePerSecond: 300, transactionSize: 0, seed: 5);
        // A scrape once the connector has read something (the machine may be slow to start the workload): how soon that
        // happens is not what this test is about, so it waits under a generous deadline instead of a fixed delay.
        var during = await ScrapeOnceReadingAsync(endpoint, Deadlines.Step);
        var summary = await workload.CompletionAsync(Deadlines.Workload);
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
        var settled = await SettledAsync(endpoint, Operations, connector);

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

        // Caught up: the stream's batches come back empty every maxAwaitTimeMs (200 ms here). SettledAsync waits for these
        // two to come down, as they do once the connector has caught up, however long that takes here.
        var lag = settled.Value("cdc_source_lag_seconds");
        Assert.True(lag is >= 0 and < 5, $"cdc_source_lag_seconds is {lag} once caught up.\n{settled}");

        // One added-latency observation per published event, in cumulative buckets ending at +Inf.
        var latency = settled.Histogram("cdc_added_latency_seconds");
        Assert.Equal(Operations, latency.Count);
        Assert.Equal(latency.Count, latency.Buckets["+Inf"]);
        Assert.True(latency.Sum > 0);
        Assert.True(latency.Buckets["0.001"] <= latency.Buckets["1"] && latency.Buckets["1"] <= latency.Buckets["+Inf"]);

        Assert.True(settled.Value("cdc_checkpoints_committed_total") > 0);
        var age = settled.Value("cdc_checkpoint_age_seconds");
        Assert.True(age is >= 0 and < 5, $"cdc_checkpoint_age_seconds is {age} with checkpoint.intervalMs 200.\n{settled}");
        var clusterTime = settled.Value("cdc_checkpoint_cluster_time_seconds");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.True(clusterTime is { } t && Math.Abs(now - t) < 120, $"cdc_checkpoint_cluster_time_seconds is {clusterTime}, now is {now}.\n{settled}");
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
    /// Scrapes until every written event was published and acknowledged and the connector says it is caught up (source
    /// lag and checkpoint age below 5 s, which an idle stream's empty batches and 200 ms commits bring about), then
    /// returns that scrape. Bounded only against a hang.
    /// </summary>
    private static async Task<PrometheusScrape> SettledAsync(OperationsEndpoint endpoint, int events, ConnectorProcess connector)
    {
        var clock = Stopwatch.StartNew();
        PrometheusScrape scrape;
        do
        {
            scrape = endpoint.Scrape();
            var published = scrape.ByLabel("cdc_events_published_total", "operation_type").Values.Sum();
            if (published >= events && scrape.Value("cdc_in_flight_events") == 0 && scrape.Histogram("cdc_added_latency_seconds").Count >= events
                && scrape.Value("cdc_source_lag_seconds") is >= 0 and < 5 && scrape.Value("cdc_checkpoint_age_seconds") is >= 0 and < 5)
            {
                return scrape;
            }

            await Task.Delay(300);
        }
        while (clock.Elapsed < Deadlines.Workload);

        throw new Xunit.Sdk.XunitException($"The metrics did not settle at {events} published events, caught up, within {Deadlines.Workload.TotalSeconds:0} s:\n{scrape}\n{connector.Describe()}");
    }
}
