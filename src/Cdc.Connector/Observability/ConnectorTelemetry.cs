using System.Diagnostics.Metrics;
using Cdc.Connector.Configuration;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Cdc.Connector.Observability;

/// <summary>
/// The OpenTelemetry SDK over the connector's <see cref="Meter"/>: its Prometheus exporter answers GET /metrics, and its
/// OTLP exporter pushes the same instruments when telemetry.otlpEndpoint is set.
/// </summary>
/// <remarks>
/// OpenTelemetry's Prometheus exporter was chosen over prometheus-net (both tried): with the options below it writes
/// exactly the series docs/connector.md lists, because the instruments' names and units were chosen for OpenTelemetry's
/// Prometheus naming (<c>cdc.events.read</c> → <c>cdc_events_read_total</c>, unit <c>s</c> → <c>_seconds</c>, <c>By</c>
/// → <c>_bytes</c>, <c>1</c> and <c>{event}</c> → no suffix), it honours the histogram's bucket advice, and one
/// MeterProvider serves both /metrics and OTLP. prometheus-net's meter adapter publishes <c>cdc_connector_cdc_events_read</c>
/// (the meter's name as a prefix, no unit or <c>_total</c> suffix), exposes observable counters as gauges, ignores the
/// bucket advice, adds a series of its own and forgets a series that has not changed for a while (so the
/// <c>cdc_errors_total</c> kinds at 0 would disappear).
/// <see cref="PrometheusTextAdapter"/> keeps the text format and the label-less lines as they were. What differs from the
/// former hand-written exposition: the SDK creates a series at its first measurement, so <c>cdc_added_latency_seconds</c>
/// appears with the first acknowledged event instead of as an empty histogram from the start (every other series is as
/// before); and, in the text only, families come in another order and # TYPE precedes # HELP.
/// </remarks>
internal sealed class ConnectorTelemetry : IDisposable
{
    /// <summary>How long disposing waits for the last OTLP export (the final values) before giving up.</summary>
    private const int ShutdownTimeoutMs = 5000;

    private readonly MeterProvider _provider;
    private readonly OpenTelemetryDiagnostics? _diagnostics;

    private ConnectorTelemetry(MeterProvider provider, Uri? otlpTarget, OpenTelemetryDiagnostics? diagnostics)
    {
        _provider = provider;
        _diagnostics = diagnostics;
        OtlpTarget = otlpTarget;
        OtlpTargetShown = otlpTarget is null ? null : MongoUriRedactor.Redact(otlpTarget.ToString());
    }

    /// <summary>What GET /metrics reads (see <see cref="OperationsServer"/>).</summary>
    public MeterProvider Provider => _provider;

    /// <summary>Where the OTLP exporter sends to (for http/protobuf the URL with /v1/metrics); null when it is off.</summary>
    public Uri? OtlpTarget { get; }

    /// <summary><see cref="OtlpTarget"/> with a password in it masked, for the log.</summary>
    public string? OtlpTargetShown { get; }

    /// <summary>
    /// Reads <paramref name="meter"/> (this instance only, not another meter of the same name) for a Prometheus scrape
    /// endpoint when <paramref name="prometheus"/> is true, and for OTLP when <paramref name="telemetry"/> has an endpoint.
    /// With OTLP, the SDK's warnings and errors (a failed export) go to <paramref name="logger"/>.
    /// </summary>
    public static ConnectorTelemetry Start(Meter meter, TelemetryOptions telemetry, bool prometheus, string instanceName, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(telemetry);
        var builder = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource
                .Clear()
                .AddService("cdc", serviceVersion: meter.Version, autoGenerateServiceInstanceId: false, serviceInstanceId: instanceName)
                .AddTelemetrySdk()
                .AddEnvironmentVariableDetector())
            .AddMeter(meter.Name)

            // A meter is chosen by name; a test process holds several connectors' meters of the same name.
            .AddView(instrument => ReferenceEquals(instrument.Meter, meter) ? null : MetricStreamConfiguration.Drop);
        if (prometheus)
        {
            builder.AddPrometheusExporter(options =>
            {
                // docs/connector.md's series exactly: no otel_scope_name/otel_scope_version labels on every series, no
                // target_info family (the resource goes to OTLP only), and a fresh collection at every scrape.
                options.ScopeInfoEnabled = false;
                options.TargetInfoEnabled = false;
                options.ScrapeResponseCacheDurationMilliseconds = 0;
            });
        }

        var target = telemetry.OtlpEndpoint is { } endpoint ? OtlpTargetOf(endpoint, telemetry.OtlpProtocol) : null;
        OpenTelemetryDiagnostics? diagnostics = null;
        if (target is not null)
        {
            if (logger is not null)
            {
                var shown = MongoUriRedactor.Redact(target.ToString());
                var configured = MongoUriRedactor.Redact(telemetry.OtlpEndpoint!);
                diagnostics = new OpenTelemetryDiagnostics(
                    logger, text => text.Replace(target.ToString(), shown, StringComparison.Ordinal).Replace(telemetry.OtlpEndpoint!, configured, StringComparison.Ordinal));
            }

            builder.AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = target;
                exporter.Protocol = telemetry.OtlpProtocol;
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = telemetry.OtlpIntervalMs;
            });
        }

        try
        {
            return new ConnectorTelemetry(builder.Build(), target, diagnostics);
        }
        catch
        {
            diagnostics?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The URL the exporter is given: OpenTelemetry's exporter uses a configured endpoint as it is, so for http/protobuf
    /// the signal's path is added here, as OTEL_EXPORTER_OTLP_ENDPOINT would have it (unless the URL already ends with it).
    /// </summary>
    public static Uri OtlpTargetOf(string endpoint, OtlpExportProtocol protocol)
    {
        var uri = new Uri(endpoint, UriKind.Absolute);
        if (protocol == OtlpExportProtocol.Grpc || uri.AbsolutePath.EndsWith("/v1/metrics", StringComparison.Ordinal))
        {
            return uri;
        }

        var builder = new UriBuilder(uri);
        builder.Path = builder.Path.TrimEnd('/') + "/v1/metrics";
        return builder.Uri;
    }

    public void Dispose()
    {
        // Pushes the final values once more (OTLP) within the timeout, then releases the readers.
        _provider.Shutdown(ShutdownTimeoutMs);
        _provider.Dispose();
        _diagnostics?.Dispose();
    }
}
