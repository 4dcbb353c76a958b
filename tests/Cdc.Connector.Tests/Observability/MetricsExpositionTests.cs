using System.Diagnostics.Metrics;
using System.Text;
using System.Text.RegularExpressions;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Observability;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;
using Cdc.Tests.Shared;

namespace Cdc.Connector.Tests.Observability;

/// <summary>
/// The contract of GET /metrics, now written by OpenTelemetry's Prometheus exporter: every series docs/connector.md
/// lists, with its type and label names and nothing else, in the Prometheus text format the connector always served.
/// </summary>
public sealed partial class MetricsExpositionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_series_of_the_documentation_is_served_with_its_type_and_label_names_and_no_other()
    {
        using var metrics = BusyConnector();
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);
        AcknowledgeIn2Ms(metrics);

        var exposition = Exposition.Parse(await endpoint.ScrapeAsync());

        var documented = DocumentedSeries();
        Assert.Equal(28, documented.Count);
        foreach (var (name, labels, type) in documented)
        {
            Assert.True(exposition.Types.TryGetValue(name, out var served), $"{name} is documented but not served.");
            Assert.True(type == served, $"{name} is documented as a {type} but served as a {served}.");
            Assert.False(string.IsNullOrWhiteSpace(exposition.Helps.GetValueOrDefault(name)), $"{name} has no # HELP.");
            var samples = exposition.Of(name).ToList();
            Assert.NotEmpty(samples);
            foreach (var sample in samples)
            {
                var expected = sample.Name.EndsWith("_bucket", StringComparison.Ordinal) && type == "histogram" ? [.. labels, "le"] : labels;
                Assert.True(
                    expected.Order(StringComparer.Ordinal).SequenceEqual(sample.Labels.Keys.Order(StringComparer.Ordinal)),
                    $"{name} is documented with labels [{string.Join(", ", labels)}]; served: {sample.Line}");
            }
        }

        Assert.Equal(documented.Select(series => series.Name).Order(StringComparer.Ordinal), exposition.Types.Keys.Order(StringComparer.Ordinal));
        Assert.All(exposition.Samples, sample => Assert.Contains(exposition.FamilyOf(sample), exposition.Types.Keys));
    }

    [Fact]
    public async Task The_latency_histogram_has_the_documented_buckets_from_1_ms_to_60_s()
    {
        using var metrics = BusyConnector();
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);
        AcknowledgeIn2Ms(metrics);

        var exposition = Exposition.Parse(await endpoint.ScrapeAsync());

        var bounds = exposition.Samples.Where(sample => sample.Name == "cdc_added_latency_seconds_bucket").Select(sample => sample.Labels["le"]).ToArray();
        Assert.Equal(
            ["0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "+Inf"],
            bounds);
        Assert.Equal(1, exposition.Samples.Single(sample => sample.Name == "cdc_added_latency_seconds_count").Value);
        Assert.Equal(0.002, exposition.Samples.Single(sample => sample.Name == "cdc_added_latency_seconds_sum").Value, 9);
    }

    [Fact]
    public async Task Before_the_first_event_the_counters_error_kinds_phase_and_build_are_already_served()
    {
        var counters = new PipelineCounters();
        using var metrics = new ConnectorMetrics(counters, new ConnectorStatus(), "2.0.0");
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);

        var text = await endpoint.ScrapeAsync();

        foreach (var name in new[]
        {
            "cdc_tombstones_total", "cdc_dead_lettered_total", "cdc_events_skipped_total", "cdc_restarts_total",
            "cdc_resume_position_lost_restarts_total", "cdc_checkpoints_committed_total", "cdc_in_flight_events", "cdc_in_flight_bytes", "cdc_reader_waiting",
        })
        {
            Assert.Contains($"\n{name} 0\n", text, StringComparison.Ordinal);
        }

        foreach (var kind in ConnectorMetrics.ErrorKindLabels)
        {
            Assert.Contains($"\ncdc_errors_total{{kind=\"{kind}\"}} 0\n", text, StringComparison.Ordinal);
        }

        Assert.Contains("\ncdc_pipeline_phase{phase=\"starting\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("\ncdc_build_info{version=\"2.0.0\"} 1\n", text, StringComparison.Ordinal);

        // Created by the SDK at its first measurement: absent until an event is acknowledged (docs/connector.md).
        Assert.DoesNotContain("cdc_added_latency_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_text_format_is_served_even_to_a_scraper_that_prefers_OpenMetrics_without_scope_labels_or_target_info()
    {
        using var metrics = BusyConnector();
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);

        // What a Prometheus server sends.
        using var response = await endpoint.GetAsync("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetByteCount(text), response.Content.Headers.ContentLength);
        Assert.DoesNotContain("# EOF", text, StringComparison.Ordinal);
        Assert.DoesNotContain("otel_scope", text, StringComparison.Ordinal);
        Assert.DoesNotContain("target_info", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{}", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE cdc_events_read_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("\ncdc_in_flight_events 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_scrape_collects_the_current_values()
    {
        var counters = new PipelineCounters();
        using var metrics = new ConnectorMetrics(counters, new ConnectorStatus(), "1.0.0");
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);

        counters.EventRead("insert");
        Assert.Contains("\ncdc_events_read_total{operation_type=\"insert\"} 1\n", await endpoint.ScrapeAsync(), StringComparison.Ordinal);
        counters.EventRead("insert");
        counters.ErrorOccurred(ErrorKinds.Source);
        var second = await endpoint.ScrapeAsync();

        Assert.Contains("\ncdc_events_read_total{operation_type=\"insert\"} 2\n", second, StringComparison.Ordinal);
        Assert.Contains("\ncdc_errors_total{kind=\"source\"} 1\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_meter_of_the_same_name_in_the_process_is_not_served()
    {
        using var metrics = new ConnectorMetrics(new PipelineCounters(), new ConnectorStatus(), "1.0.0");
        using var other = new Meter(ConnectorMetrics.MeterName, "9.9.9");
        other.CreateObservableGauge("cdc.other", () => 7, "1", "Not this connector's.");
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);

        var text = await endpoint.ScrapeAsync();

        Assert.Contains("cdc_build_info{version=\"1.0.0\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cdc_other", text, StringComparison.Ordinal);
    }

    /// <summary>docs/connector.md's metrics table: each series's name, label names and type.</summary>
    private static List<(string Name, string[] Labels, string Type)> DocumentedSeries()
    {
        var documentation = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "connector.md"));
        var section = documentation[documentation.IndexOf("### `/metrics`", StringComparison.Ordinal)..documentation.IndexOf("### Suggested alerts", StringComparison.Ordinal)];
        var series = new List<(string, string[], string)>();
        foreach (var line in section.Split('\n').Where(line => line.StartsWith("| `cdc_", StringComparison.Ordinal)))
        {
            var cells = line.Split('|');
            foreach (Match match in DocumentedName().Matches(cells[1]))
            {
                var labels = match.Groups["labels"].Success ? match.Groups["labels"].Value.Split(',') : [];
                series.Add((match.Groups["name"].Value, labels, cells[2].Trim()));
            }
        }

        return series;
    }

    /// <summary>A connector whose every series but the latency histogram has a value: an event read and published, a checkpoint saved, Kafka probed.</summary>
    private static ConnectorMetrics BusyConnector()
    {
        var clock = new ManualTimeProvider(Start);
        var counters = new PipelineCounters();
        var status = new ConnectorStatus(clock);
        var metrics = new ConnectorMetrics(counters, status, "1.0.0", clock);
        var watermark = new AckWatermark(100, 1 << 20);
        status.SetWatermark(watermark);
        watermark.Track(Tokens.Data("826B024DDE0000000100"), isInvalidate: false, records: 1, bytes: 300);
        status.SetPhase(PipelinePhase.Reading);
        status.StreamOpened(null);
        status.EventRead(Start.AddSeconds(-1).ToUnixTimeMilliseconds());
        status.KafkaObserved(true, null);
        status.CheckpointSaved(ResumePosition.FromOperationTime(new BsonTimestamp(1_795_000_000, 1)));
        counters.EventRead("insert");
        counters.EventPublished("insert");
        counters.SnapshotRows.Progressed(new SnapshotProgress([new CollectionSnapshotProgress("shop", "orders", SnapshotTriggers.Initial, null, done: false, rows: 0)]));
        return metrics;
    }

    /// <summary>An event acknowledged 2 ms after it was read (once the exporter listens: earlier measurements are not kept).</summary>
    private static void AcknowledgeIn2Ms(ConnectorMetrics metrics) => metrics.AddedLatency.Acknowledged(0, System.Diagnostics.Stopwatch.Frequency / 500);

    [GeneratedRegex(@"`(?<name>cdc_[a-z_]+)(\{(?<labels>[a-z_,]+)\})?`")]
    private static partial Regex DocumentedName();
}
