using OpenTelemetry.Exporter;

namespace Cdc.Connector.Configuration;

/// <summary>Exporting the connector's metrics over OTLP, besides /metrics (docs/connector.md, "Operations").</summary>
internal sealed class TelemetryOptions
{
    /// <summary>The OpenTelemetry collector's URL; null: no OTLP export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>http/protobuf (POST to {endpoint}/v1/metrics) or grpc.</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>How often the metrics are pushed; OpenTelemetry's default period.</summary>
    public int OtlpIntervalMs { get; set; } = 60_000;
}
