namespace Cdc.Demo;

/// <summary>One decoded record as the live view shows it: where it came from, what happened, to which document, and the document (trimmed).</summary>
internal sealed record ConsumedRecord(string Topic, string OperationType, string Key, string Document, double? LatencyMs);
