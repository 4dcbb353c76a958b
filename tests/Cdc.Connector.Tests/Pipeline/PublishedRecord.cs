namespace Cdc.Connector.Tests.Pipeline;

internal sealed record PublishedRecord(string Topic, byte[]? Key, byte[]? Value, long Sequence, bool DeadLetter, string? Reason);
