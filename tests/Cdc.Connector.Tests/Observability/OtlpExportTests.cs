using System.Net;
using System.Net.Sockets;
using Cdc.Connector.Configuration;
using Cdc.Connector.Observability;
using Cdc.Connector.Tests.Checkpoint;
using Cdc.Connector.Tests.Configuration;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace Cdc.Connector.Tests.Observability;

/// <summary>
/// telemetry.otlpEndpoint: the connector's meter pushed to a collector over a real socket (an in-test receiver on
/// 127.0.0.1), decoded from the protobuf and compared with what the instruments hold.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Http_protobuf_posts_every_instrument_to_v1_metrics_under_the_meter_and_the_service()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: false);
        var counters = new PipelineCounters();
        using var metrics = new ConnectorMetrics(counters, new ConnectorStatus(), "3.1.4");
        using var telemetry = ConnectorTelemetry.Start(
            metrics.Meter, new TelemetryOptions { OtlpEndpoint = receiver.Address.ToString(), OtlpIntervalMs = 200 }, prometheus: false, "orders");
        counters.EventRead("insert");
        counters.EventRead("insert");
        counters.EventRead("delete");
        counters.ErrorOccurred(ErrorKinds.Kafka);
        metrics.AddedLatency.Acknowledged(0, System.Diagnostics.Stopwatch.Frequency / 100); // 10 ms

        var request = await receiver.WaitForAsync(
            request => request.Export.Metric("cdc.events.read")?.Points.Count == 2 && request.Export.Metric("cdc.added_latency") is not null,
            "cdc.events.read for insert and delete, and cdc.added_latency");

        Assert.Equal(new Uri(receiver.Address, "/v1/metrics"), telemetry.OtlpTarget);
        Assert.Equal(("POST", "/v1/metrics", "application/x-protobuf"), (request.Method, request.Path, request.ContentType));
        var export = request.Export;
        Assert.Equal("cdc", export.Resource["service.name"]);
        Assert.Equal("3.1.4", export.Resource["service.version"]);
        Assert.Equal("orders", export.Resource["service.instance.id"]);

        var read = export.Metric("cdc.events.read")!;
        Assert.Equal((ConnectorMetrics.MeterName, "3.1.4", "{event}", "sum", true), (read.Scope, read.ScopeVersion, read.Unit, read.Kind, read.Monotonic));
        Assert.Equal(2, read.Point("operation_type", "insert").Value);
        Assert.Equal(1, read.Point("operation_type", "delete").Value);

        var errors = export.Metric("cdc.errors")!;
        Assert.Equal(ConnectorMetrics.ErrorKindLabels.Order(StringComparer.Ordinal), errors.Points.Select(point => point.Attributes["kind"]).Order(StringComparer.Ordinal));
        Assert.Equal(1, errors.Point("kind", "kafka").Value);
        Assert.Equal(0, errors.Point("kind", "source").Value);

        var latency = export.Metric("cdc.added_latency")!;
        Assert.Equal(("s", "histogram"), (latency.Unit, latency.Kind));
        var point = Assert.Single(latency.Points);
        Assert.Equal(1, point.Count);
        Assert.Equal(0.01, point.Sum, 9);
        Assert.Equal(ConnectorMetrics.LatencyBuckets, point.Bounds);

        var phase = export.Metric("cdc.pipeline.phase")!;
        Assert.Equal(("1", "gauge"), (phase.Unit, phase.Kind));
        Assert.Equal(1, phase.Point("phase", "starting").Value);
        Assert.Equal("3.1.4", Assert.Single(export.Metric("cdc.build.info")!.Points).Attributes["version"]);
        Assert.Equal("By", export.Metric("cdc.in_flight")!.Unit);
    }

    [Fact]
    public async Task Grpc_calls_the_metrics_service_over_http2()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: true);
        var counters = new PipelineCounters();
        using var metrics = new ConnectorMetrics(counters, new ConnectorStatus(), "1.0.0");
        using var telemetry = ConnectorTelemetry.Start(
            metrics.Meter,
            new TelemetryOptions { OtlpEndpoint = receiver.Address.ToString(), OtlpProtocol = OtlpExportProtocol.Grpc, OtlpIntervalMs = 200 },
            prometheus: false,
            "cdc");
        counters.EventPublished("update");

        var request = await receiver.WaitForAsync(request => request.Export.Metric("cdc.events.published") is not null, "cdc.events.published");

        Assert.Equal(receiver.Address, telemetry.OtlpTarget);
        Assert.Equal(("POST", OtlpReceiver.GrpcExportPath, "HTTP/2", "application/grpc"), (request.Method, request.Path, request.Protocol, request.ContentType));
        Assert.Equal(1, request.Export.Metric("cdc.events.published")!.Point("operation_type", "update").Value);
    }

    [Fact]
    public async Task Disposing_pushes_the_final_values_before_the_next_period()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: false);
        var counters = new PipelineCounters();
        using var metrics = new ConnectorMetrics(counters, new ConnectorStatus(), "1.0.0");
        var telemetry = ConnectorTelemetry.Start(
            metrics.Meter, new TelemetryOptions { OtlpEndpoint = receiver.Address.ToString(), OtlpIntervalMs = 3_600_000 }, prometheus: false, "cdc");
        counters.CheckpointCommitted();
        counters.CheckpointCommitted();

        telemetry.Dispose();

        var request = await receiver.WaitForAsync(request => request.Export.Metric("cdc.checkpoints.committed") is not null, "cdc.checkpoints.committed");
        Assert.Equal(2, Assert.Single(request.Export.Metric("cdc.checkpoints.committed")!.Points).Value);
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_pushed_and_the_target_is_null()
    {
        using var metrics = new ConnectorMetrics(new PipelineCounters(), new ConnectorStatus(), "1.0.0");
        using var telemetry = ConnectorTelemetry.Start(metrics.Meter, new TelemetryOptions(), prometheus: true, "cdc");

        Assert.Null(telemetry.OtlpTarget);
        Assert.Null(telemetry.OtlpTargetShown);
        await using var endpoint = await MetricsEndpoint.StartAsync(metrics.Meter);
        Assert.Contains("cdc_build_info", await endpoint.ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collector_that_cannot_be_reached_is_a_warning_in_the_log_with_the_password_masked()
    {
        int port;
        using (var closed = new TcpListener(IPAddress.Loopback, 0))
        {
            closed.Start();
            port = ((IPEndPoint)closed.LocalEndpoint).Port;
        }

        var logger = new RecordingLogger();
        using var metrics = new ConnectorMetrics(new PipelineCounters(), new ConnectorStatus(), "1.0.0");
        using var telemetry = ConnectorTelemetry.Start(
            metrics.Meter, new TelemetryOptions { OtlpEndpoint = $"http://otel:s3cret@127.0.0.1:{port}", OtlpIntervalMs = 200 }, prometheus: false, "cdc", logger);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!logger.Entries.Any(entry => entry.Message.Contains($"127.0.0.1:{port}", StringComparison.Ordinal)) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        var warning = Assert.Single(logger.Entries.Where(entry => entry.Message.Contains($"127.0.0.1:{port}", StringComparison.Ordinal)).Take(1));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("OpenTelemetry-Exporter-OpenTelemetryProtocol: ", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', warning.Message);
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("s3cret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://collector:4318", "http/protobuf", "http://collector:4318/v1/metrics")]
    [InlineData("http://collector:4318/", "http/protobuf", "http://collector:4318/v1/metrics")]
    [InlineData("https://otlp.example/tenant-a", "http/protobuf", "https://otlp.example/tenant-a/v1/metrics")]
    [InlineData("https://otlp.example/v1/metrics", "http/protobuf", "https://otlp.example/v1/metrics")]
    [InlineData("http://collector:4317", "grpc", "http://collector:4317/")]
    public void The_http_protobuf_url_gets_the_metrics_path_as_OTEL_EXPORTER_OTLP_ENDPOINT_would(string endpoint, string protocol, string target)
    {
        Assert.Equal(new Uri(target), ConnectorTelemetry.OtlpTargetOf(endpoint, Load.FromSets($"telemetry.otlpProtocol={protocol}").Telemetry.OtlpProtocol));
    }

    [Fact]
    public void A_password_in_the_endpoint_is_masked_where_it_is_shown()
    {
        using var metrics = new ConnectorMetrics(new PipelineCounters(), new ConnectorStatus(), "1.0.0");
        using var telemetry = ConnectorTelemetry.Start(
            metrics.Meter, new TelemetryOptions { OtlpEndpoint = "http://otel:s3cret@127.0.0.1:9/", OtlpIntervalMs = 3_600_000 }, prometheus: false, "cdc");

        Assert.Equal("http://otel:****@127.0.0.1:9/v1/metrics", telemetry.OtlpTargetShown);
    }
}
