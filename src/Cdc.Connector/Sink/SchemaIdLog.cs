using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Sink;

/// <summary>Log events of <see cref="SchemaIdCache"/> (ids 300–399).</summary>
internal static partial class SchemaIdLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Schemas of topic {Topic} registered: key id {KeyId}, value id {ValueId}")]
    public static partial void Registered(ILogger logger, string topic, int keyId, int valueId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning,
        Message = "Schema Registry unavailable for subject {Subject} (attempt {Attempt}); reading is paused, retrying in {DelayMs} ms: {Problem}")]
    public static partial void Unavailable(ILogger logger, string subject, int attempt, long delayMs, string problem);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Schema Registry answered for subject {Subject} after {Attempts} failed attempts; reading resumes")]
    public static partial void Recovered(ILogger logger, string subject, int attempts);
}
