namespace Cdc.Connector.Sink;

/// <summary>
/// A record for the dead-letter topic. Headers: <c>cdc.reason</c>, <c>cdc.topic</c> (where it would have gone, if known),
/// <c>cdc.resumeToken</c> and <c>cdc.operationType</c> when known.
/// </summary>
internal sealed record DeadLetterRecord(string Reason, string? OriginalTopic, string? ResumeTokenData, string? OperationType, byte[]? Key, byte[]? Value);
