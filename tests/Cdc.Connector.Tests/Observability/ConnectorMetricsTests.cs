using Cdc.Connector.Checkpoint;
using Cdc.Connector.Observability;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Observability;

public sealed class ConnectorMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_error_kind_is_exported_from_the_start_at_zero()
    {
        var counters = new PipelineCounters();
        using var metrics = new ConnectorMetrics(counters, new ConnectorStatus(), "1.2.3");
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);
        counters.ErrorOccurred(ErrorKinds.Kafka);

        var text = await endpoint.ScrapeAsync();

        foreach (var kind in new[] { "source", "resume_position_lost", "schema_registry", "event", "checkpoint", "other" })
        {
            Assert.Contains($"cdc_errors_total{{kind=\"{kind}\"}} 0\n", text, StringComparison.Ordinal);
        }

        Assert.Contains("cdc_errors_total{kind=\"kafka\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("cdc_build_info{version=\"1.2.3\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_events_are_counted_by_outcome_every_outcome_present_from_the_start()
    {
        var counters = new PipelineCounters();
        using var metrics = new ConnectorMetrics(counters, new ConnectorStatus(), "1.0.0");
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);

        var before = await endpoint.ScrapeAsync();
        counters.OversizeEventFailed();
        counters.OversizeEventDeadLettered();
        counters.OversizeEventDeadLettered();
        counters.OversizeEventReferenced();
        var after = await endpoint.ScrapeAsync();

        foreach (var outcome in new[] { "failed", "dead_lettered", "referenced" })
        {
            Assert.Contains($"cdc_oversize_events_total{{outcome=\"{outcome}\"}} 0\n", before, StringComparison.Ordinal);
        }

        Assert.Contains("cdc_oversize_events_total{outcome=\"failed\"} 1\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_oversize_events_total{outcome=\"dead_lettered\"} 2\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_oversize_events_total{outcome=\"referenced\"} 1\n", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counters_are_exported_by_operation_type_with_their_totals()
    {
        var counters = new PipelineCounters();
        using var metrics = new ConnectorMetrics(counters, new ConnectorStatus(), "1.0.0");
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);
        counters.EventRead("insert");
        counters.EventRead("insert");
        counters.EventRead("delete");
        counters.EventPublished("insert");
        counters.TombstonePublished();
        counters.EventDeadLettered();
        counters.EventSkipped();
        counters.Restarted();
        counters.RestartedAfterHistoryLost();
        counters.CheckpointCommitted();

        var text = await endpoint.ScrapeAsync();

        Assert.Contains("cdc_events_read_total{operation_type=\"insert\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("cdc_events_read_total{operation_type=\"delete\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("cdc_events_published_total{operation_type=\"insert\"} 1\n", text, StringComparison.Ordinal);
        foreach (var name in new[]
        {
            "cdc_tombstones_total", "cdc_dead_lettered_total", "cdc_events_skipped_total", "cdc_restarts_total",
            "cdc_resume_position_lost_restarts_total", "cdc_checkpoints_committed_total",
        })
        {
            Assert.Contains($"\n{name} 1\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Status_gauges_follow_the_pipeline()
    {
        var clock = new ManualTimeProvider(Start);
        var status = new ConnectorStatus(clock);
        using var metrics = new ConnectorMetrics(new PipelineCounters(), status, "1.0.0", clock);
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);

        var before = await endpoint.ScrapeAsync();
        Assert.DoesNotContain("cdc_source_lag_seconds", before, StringComparison.Ordinal);
        Assert.DoesNotContain("cdc_checkpoint_age_seconds", before, StringComparison.Ordinal);
        Assert.DoesNotContain("cdc_kafka_reachable", before, StringComparison.Ordinal);
        Assert.Contains("cdc_pipeline_phase{phase=\"starting\"} 1\n", before, StringComparison.Ordinal);
        Assert.Contains("cdc_in_flight_events 0\n", before, StringComparison.Ordinal);
        Assert.Contains("cdc_reader_waiting 0\n", before, StringComparison.Ordinal);

        var watermark = new AckWatermark(100, 1 << 20);
        status.SetWatermark(watermark);
        watermark.Track(Tokens.Data("826B024DDE0000000100"), isInvalidate: false, records: 1, bytes: 300);
        status.SetPhase(PipelinePhase.Reading);
        status.StreamOpened(null);
        status.EventRead(Start.AddSeconds(-4).ToUnixTimeMilliseconds());
        status.KafkaObserved(false, "down");
        status.WaitStarted(ReaderWait.BackPressure);
        status.CheckpointSaved(ResumePosition.FromOperationTime(new BsonTimestamp(1_795_000_000, 1)));
        clock.Advance(TimeSpan.FromSeconds(2));

        var after = await endpoint.ScrapeAsync();
        Assert.Contains("cdc_pipeline_phase{phase=\"starting\"} 0\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_pipeline_phase{phase=\"reading\"} 1\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_in_flight_events 1\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_in_flight_bytes 300\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_source_lag_seconds 6\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_checkpoint_age_seconds 2\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_checkpoint_cluster_time_seconds 1795000000\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_kafka_reachable 0\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_reader_heartbeat_age_seconds 2\n", after, StringComparison.Ordinal);
        Assert.Contains("cdc_reader_waiting 1\n", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Added_latency_is_recorded_from_acknowledgements_in_seconds()
    {
        using var metrics = new ConnectorMetrics(new PipelineCounters(), new ConnectorStatus(), "1.0.0");
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);
        var second = System.Diagnostics.Stopwatch.Frequency;

        metrics.AddedLatency.Acknowledged(0, second / 500);  // 2 ms
        metrics.AddedLatency.Acknowledged(0, second * 45);   // 45 s: an outage

        var text = await endpoint.ScrapeAsync();
        Assert.Contains("cdc_added_latency_seconds_bucket{le=\"0.001\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("cdc_added_latency_seconds_bucket{le=\"0.0025\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("cdc_added_latency_seconds_bucket{le=\"30\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("cdc_added_latency_seconds_bucket{le=\"60\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("cdc_added_latency_seconds_count 2\n", text, StringComparison.Ordinal);
    }
}
