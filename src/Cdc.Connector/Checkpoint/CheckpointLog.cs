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
}
