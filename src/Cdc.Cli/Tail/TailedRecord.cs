using System.Globalization;

namespace Cdc.Cli.Tail;

/// <summary>
/// One consumed record as `cdc tail` prints it: where it is, its timestamp, and its key and value as JSON (null when
/// absent: a tombstone has a null value), or why they could not be decoded.
/// </summary>
internal sealed record TailedRecord(string Topic, int Partition, long Offset, long? TimestampMs, string? KeyJson, string? ValueJson, string? Error)
{
    /// <summary>The timestamp as ISO-8601 UTC with milliseconds ("2024-03-12T18:41:22.456Z"), or null when the record has none.</summary>
    public string? TimestampText => TimestampMs is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : null;

    /// <summary>"topic[partition]@offset", as the text form and error lines name a record.</summary>
    public string Position => $"{Topic}[{Partition.ToString(CultureInfo.InvariantCulture)}]@{Offset.ToString(CultureInfo.InvariantCulture)}";
}
