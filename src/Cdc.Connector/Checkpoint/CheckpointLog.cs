using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Checkpoint;

/// <summary>The checkpoint stores' log messages (source-generated).</summary>
internal static partial class CheckpointLog
{
    [LoggerMessage(EventId = 401, Level = LogLevel.Warning,
        Message = "Checkpoint topic {Topic} does not exist and could not be created with cleanup.policy=compact ({Reason}); the first save lets the brokers auto-create it with their defaults. Create it yourself with cleanup.policy=compact, or old checkpoints accumulate until retention deletes them — and with them, possibly, the latest.")]
    public static partial void CompactionNotSet(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Created checkpoint topic {Topic} with cleanup.policy=compact")]
    public static partial void TopicCreated(ILogger logger, string topic);

    /// <summary>A log line of librdkafka in one of the kafka store's clients, at librdkafka's level.</summary>
    [LoggerMessage(EventId = 403, Message = "librdkafka {Facility} [{ClientName}]: {Text}")]
    public static partial void Librdkafka(ILogger logger, LogLevel level, string facility, string clientName, string text);

    [LoggerMessage(EventId = 404, Level = LogLevel.Debug, Message = "Kafka checkpoint client error (librdkafka retries): {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, Confluent.Kafka.ErrorCode code, string reason);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Kafka checkpoint client failed fatally: {Code}: {Reason}")]
    public static partial void ClientFatal(ILogger logger, Confluent.Kafka.ErrorCode code, string reason);
}
