using System.Text.Json;

namespace Cdc.Integration.Tests;

/// <summary>
/// One Kafka record as the independent reader decoded it through the registry (tests/js/it/read-kafka.mjs).
/// <see cref="Arrival"/> is its position in the reader's output: within a partition it follows the offsets.
/// </summary>
internal sealed record DecodedRecord(int Arrival, string Topic, int Partition, long Offset, string? DocumentKey, JsonElement? Value, string? DecodeError, JsonElement Headers, long TimestampMs = 0)
{
    public bool IsTombstone => DecodeError is null && Value is null;

    public string? ResumeToken => Value?.GetProperty("resumeToken").GetString();

    public string? OperationType => Value?.GetProperty("operationType").GetString();

    /// <param name="arrival">The record's position in the reader's output.</param>
    /// <param name="line">The reader's line.</param>
    /// <param name="disagreement">What the second decoder read differently, or null: the record then counts as not decoding.</param>
    public static DecodedRecord Parse(int arrival, JsonElement line, string? disagreement = null)
    {
        var error = line.TryGetProperty("decodeError", out var decodeError) ? decodeError.GetString() : null;
        string? documentKey = null;
        JsonElement? value = null;
        if (error is null)
        {
            var key = line.GetProperty("key");
            documentKey = key.ValueKind == JsonValueKind.Object ? JsonText.Compact(key.GetProperty("documentKey").GetString()) : null;
            var v = line.GetProperty("value");
            value = v.ValueKind == JsonValueKind.Null ? null : v.Clone();
        }

        error ??= disagreement;
        return new DecodedRecord(
            arrival,
            line.GetProperty("topic").GetString()!,
            line.GetProperty("partition").GetInt32(),
            line.GetProperty("offset").GetInt64(),
            documentKey,
            value,
            error,
            line.GetProperty("headers").Clone(),
            line.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.Number ? timestamp.GetInt64() : 0);
    }

    public override string ToString() => $"{Topic}/{Partition}@{Offset} {OperationType ?? (IsTombstone ? "tombstone" : DecodeError)} key={DocumentKey}";
}
