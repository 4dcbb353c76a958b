using Microsoft.Extensions.Logging;

namespace Cdc.Sandbox.Host;

/// <summary>The sandbox host's log messages (source-generated).</summary>
internal static partial class SandboxHostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Part} listening on {Endpoint}")]
    public static partial void Started(ILogger logger, string part, string endpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Part} stopped")]
    public static partial void Stopped(ILogger logger, string part);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Part} did not stop within {Seconds} s; leaving it to process exit")]
    public static partial void StopTimedOut(ILogger logger, string part, double seconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "{Part} failed while stopping")]
    public static partial void StopFailed(ILogger logger, Exception error, string part);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Kafka mock cluster (librdkafka {Version}, {Brokers} brokers) listening on {BootstrapServers}")]
    public static partial void KafkaStarted(ILogger logger, string version, int brokers, string bootstrapServers);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "TLS: throwaway CA and server certificate for 127.0.0.1/localhost made; clients trust the CA in {CaFile} (deleted at exit)")]
    public static partial void CertificatesMade(ILogger logger, string caFile);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "control API: {Method} {Path} failed")]
    public static partial void ControlFailed(ILogger logger, Exception error, string method, string? path);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "control API: {Method} {Path} -> {Status}")]
    public static partial void ControlRequest(ILogger logger, string method, string? path, int status);
}
