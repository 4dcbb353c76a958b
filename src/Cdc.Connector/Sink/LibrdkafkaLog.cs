using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Sink;

/// <summary>How the connector's Kafka clients pass librdkafka's log lines to their loggers.</summary>
internal static class LibrdkafkaLog
{
    /// <summary>librdkafka's syslog level as a logging level.</summary>
    public static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    /// <summary>
    /// Whether librdkafka hands the same failure to the client's error handler: a broker failure (facility FAIL) at error
    /// level or worse is logged and also raised as an error with the very same text (rdkafka_broker.c,
    /// rd_kafka_broker_set_error). The error handler logs it once, with its code; logging both would make every failed
    /// connection two lines.
    /// </summary>
    public static bool IsAlsoAnError(LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Level <= SyslogLevel.Error && string.Equals(message.Facility, "FAIL", StringComparison.Ordinal);
    }
}
