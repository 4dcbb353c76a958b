namespace Cdc.Connector.Sink;

/// <summary>
/// A record for the dead-letter topic. Headers: <c>cdc.reason</c>, <c>cdc.topic</c> (where it would have gone, if known),
/// <c>cdc.resumeToken</c> and <c>cdc.operationType</c> when known, and for an oversized event (mapping.oversize=deadLetter)
/// <c>cdc.recordBytes</c> and <c>cdc.namespace</c>.
/// </summary>
internal sealed record DeadLetterRecord(string Reason, string? OriginalTopic, string? ResumeTokenData, string? OperationType, byte[]? Key, byte[]? Value)
{
    /// <summary>The size of the change record this one replaces (key and value, framing included), when it was too large.</summary>
    public long? RecordBytes { get; init; }

    /// <summary>The event's namespace (db.coll), when known.</summary>
    public string? Namespace { get; init; }
}
