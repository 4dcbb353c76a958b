using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Sink;

/// <summary>The Kafka sink's log messages (source-generated: no formatting or boxing unless the level is enabled).</summary>
internal static partial class SinkLog
{
    [LoggerMessage(EventId = 4100, Message = "librdkafka {Facility} [{ClientName}]: {Text}")]
    public static partial void Librdkafka(ILogger logger, LogLevel level, string facility, string clientName, string text);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Kafka producer error (not fatal, librdkafka retries): {Code}: {Reason}")]
    public static partial void ProducerError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Critical, Message = "Kafka producer failed fatally: {Code}: {Reason}")]
    public static partial void ProducerFatal(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Event {Sequence}: a record for topic '{Topic}' goes to dead-letter topic '{DeadLetterTopic}': {Reason}")]
    public static partial void DeadLettered(ILogger logger, long sequence, string? topic, string deadLetterTopic, string reason);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "librdkafka's local queue is full; producing waits for delivery reports")]
    public static partial void QueueFull(ILogger logger);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Kafka producer closed with {Outstanding} record(s) still unacknowledged; their events are not committed and will be re-read")]
    public static partial void ClosedWithOutstanding(ILogger logger, int outstanding);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Error, Message = "Handling a delivery report for event {Sequence} failed")]
    public static partial void ReportHandlingFailed(ILogger logger, long sequence, Exception exception);
}
