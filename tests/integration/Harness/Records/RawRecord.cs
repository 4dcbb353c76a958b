namespace Cdc.Integration.Tests;

/// <summary>One record of a topic as raw bytes and UTF-8 headers (<see cref="KafkaRawRecords.ReadAll"/>).</summary>
internal sealed record RawRecord(byte[]? Key, byte[]? Value, IReadOnlyDictionary<string, string?> Headers);
