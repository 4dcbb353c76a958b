using System.Diagnostics.Metrics;
using Cdc.Connector.Observability;

namespace Cdc.Connector.Tests.Observability;

public sealed class PrometheusExporterTests
{
    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void A_counter_gets_help_type_and_the_total_suffix()
    {
        using var meter = new Meter("test.counter");
        using var exporter = new PrometheusExporter(meter);
        meter.CreateObservableCounter("cdc.things.done", () => 42L, "{thing}", "Things done.");

        Assert.Equal(
            ["# HELP cdc_things_done_total Things done.", "# TYPE cdc_things_done_total counter", "cdc_things_done_total 42"],
            Lines(exporter.Scrape()));
    }

    [Fact]
    public void Units_become_suffixes_once_and_gauges_keep_their_name()
    {
        using var meter = new Meter("test.units");
        using var exporter = new PrometheusExporter(meter);
        meter.CreateObservableGauge("cdc.source.lag", () => 1.5, "s", "Lag.");
        meter.CreateObservableGauge("cdc.wait_seconds", () => 2.0, "s", "Already suffixed.");
        meter.CreateObservableGauge("cdc.in_flight", () => 1024L, "By", "Bytes.");
        meter.CreateObservableCounter("cdc.requests_total", () => 7L, "{request}", "Already a total.");

        var text = exporter.Scrape();

        Assert.Contains("# TYPE cdc_source_lag_seconds gauge\ncdc_source_lag_seconds 1.5\n", text, StringComparison.Ordinal);
        Assert.Contains("\ncdc_wait_seconds 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE cdc_in_flight_bytes gauge\ncdc_in_flight_bytes 1024\n", text, StringComparison.Ordinal);
        Assert.Contains("\ncdc_requests_total 7\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_values_and_help_text_are_escaped()
    {
        using var meter = new Meter("test.escape");
        using var exporter = new PrometheusExporter(meter);
        meter.CreateObservableGauge(
            "cdc.odd",
            () => new Measurement<int>(1, new KeyValuePair<string, object?>("path", "C:\\dir \"x\"\nnext"), new KeyValuePair<string, object?>("bad-name", "v")),
            "1",
            "Help with a \\ backslash\nand a second line.");

        Assert.Equal(
            [
                "# HELP cdc_odd Help with a \\\\ backslash\\nand a second line.",
                "# TYPE cdc_odd gauge",
                "cdc_odd{path=\"C:\\\\dir \\\"x\\\"\\nnext\",bad_name=\"v\"} 1",
            ],
            Lines(exporter.Scrape()));
    }

    [Fact]
    public void Special_values_are_written_the_way_Prometheus_reads_them()
    {
        Assert.Equal("+Inf", PrometheusText.FormatValue(double.PositiveInfinity));
        Assert.Equal("-Inf", PrometheusText.FormatValue(double.NegativeInfinity));
        Assert.Equal("NaN", PrometheusText.FormatValue(double.NaN));
        Assert.Equal("0.001", PrometheusText.FormatValue(0.001));
        Assert.Equal("1234567", PrometheusText.FormatValue(1_234_567));
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_and_end_with_inf_sum_and_count()
    {
        using var meter = new Meter("test.histogram");
        using var exporter = new PrometheusExporter(meter);
        var histogram = meter.CreateHistogram<double>(
            "cdc.latency", "s", "Latency.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 1] });
        foreach (var value in new[] { 0.005, 0.01, 0.05, 0.5, 0.7, 30 })
        {
            histogram.Record(value);
        }

        Assert.Equal(
            [
                "# HELP cdc_latency_seconds Latency.",
                "# TYPE cdc_latency_seconds histogram",
                "cdc_latency_seconds_bucket{le=\"0.01\"} 2",
                "cdc_latency_seconds_bucket{le=\"0.1\"} 3",
                "cdc_latency_seconds_bucket{le=\"1\"} 5",
                "cdc_latency_seconds_bucket{le=\"+Inf\"} 6",
                "cdc_latency_seconds_sum 31.265",
                "cdc_latency_seconds_count 6",
            ],
            Lines(exporter.Scrape()));
    }

    [Fact]
    public void A_tagged_histogram_series_puts_le_after_its_labels()
    {
        using var meter = new Meter("test.histogram.tags");
        using var exporter = new PrometheusExporter(meter);
        var histogram = meter.CreateHistogram<double>("cdc.size", "By", "Sizes.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10] });
        histogram.Record(5, new KeyValuePair<string, object?>("topic", "a"));

        var text = exporter.Scrape();

        Assert.Contains("cdc_size_bytes_bucket{topic=\"a\",le=\"10\"} 1\ncdc_size_bytes_bucket{topic=\"a\",le=\"+Inf\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("cdc_size_bytes_sum{topic=\"a\"} 5\ncdc_size_bytes_count{topic=\"a\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cdc_size_bytes_bucket{le=", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_synchronous_counter_sums_per_label_set()
    {
        using var meter = new Meter("test.sum");
        using var exporter = new PrometheusExporter(meter);
        var counter = meter.CreateCounter<long>("cdc.hits", "{hit}", "Hits.");
        counter.Add(2, new KeyValuePair<string, object?>("kind", "x"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "x"));
        counter.Add(1);

        var text = exporter.Scrape();

        Assert.Contains("cdc_hits_total{kind=\"x\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("cdc_hits_total 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_observable_with_nothing_to_report_leaves_no_header_behind()
    {
        using var meter = new Meter("test.empty");
        using var exporter = new PrometheusExporter(meter);
        meter.CreateObservableGauge("cdc.maybe", () => Array.Empty<Measurement<double>>(), "s", "Only sometimes.");
        meter.CreateObservableGauge("cdc.always", () => 1, "1", "Always.");

        Assert.Equal(["# HELP cdc_always Always.", "# TYPE cdc_always gauge", "cdc_always 1"], Lines(exporter.Scrape()));
    }

    [Fact]
    public void Only_the_given_meters_instruments_are_exported_even_under_the_same_name()
    {
        using var mine = new Meter("Cdc.Connector.SameName");
        using var other = new Meter("Cdc.Connector.SameName");
        using var exporter = new PrometheusExporter(mine);
        mine.CreateObservableGauge("cdc.mine", () => 1, "1", "Mine.");
        other.CreateObservableGauge("cdc.other", () => 2, "1", "Other.");

        var text = exporter.Scrape();

        Assert.Contains("cdc_mine 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cdc_other", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Observed_values_are_read_again_at_every_scrape()
    {
        using var meter = new Meter("test.fresh");
        using var exporter = new PrometheusExporter(meter);
        var value = 1L;
        meter.CreateObservableCounter("cdc.n", () => value, "{n}", "N.");

        Assert.Contains("cdc_n_total 1\n", exporter.Scrape(), StringComparison.Ordinal);
        value = 5;
        var second = exporter.Scrape();
        Assert.Contains("cdc_n_total 5\n", second, StringComparison.Ordinal);
        Assert.DoesNotContain("cdc_n_total 1\n", second, StringComparison.Ordinal);
    }
}
