using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Observability;

/// <summary>Log events of the operations endpoint, the OTLP export and the start-up summary (ids 900–909).</summary>
internal static partial class OperationsLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "HTTP listening on {Address} (/healthz, /readyz, /metrics)")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information,
        Message = "cdc {Version}: pipeline {Name} watching {Watching}; Kafka {Kafka}; Schema Registry {Registry}; checkpoints in {Store}; HTTP {Http}")]
    public static partial void Summary(ILogger logger, string version, string name, string watching, string kafka, string registry, string store, string http);

    [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "HTTP disabled (http.enabled=false): no /healthz, /readyz or /metrics")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "Exporting metrics over OTLP ({Protocol}) to {Endpoint} every {IntervalMs} ms")]
    public static partial void ExportingOtlp(ILogger logger, string endpoint, string protocol, int intervalMs);

    [LoggerMessage(EventId = 905, Level = LogLevel.Information,
        Message = "Live view on {Address} (http.liveView): it shows the content of every published change to anyone who reaches this address")]
    public static partial void LiveView(ILogger logger, string address);

    [LoggerMessage(EventId = 904, Level = LogLevel.Warning, Message = "{Source}: {Problem}")]
    public static partial void OpenTelemetryProblem(ILogger logger, string source, string problem);
}
