using System.Globalization;
using System.Text.Json.Nodes;

namespace Cdc.Integration.Tests;

/// <summary>One line of `cdc tail --json`: a record's position, its timestamp, and its decoded key and value, or why they did not decode.</summary>
internal sealed record TailRecordLine(string Topic, int Partition, long Offset, string? Timestamp, JsonNode? Key, JsonNode? Value, string? Error, string Line)
{
    /// <summary>The key's documentKey, compacted as the reader's <see cref="DecodedRecord.DocumentKey"/> is.</summary>
    public string? DocumentKey => JsonText.Compact(Key?["documentKey"]?.GetValue<string>());

    public string? ResumeToken => Value?["resumeToken"]?.GetValue<string>();

    public long? TimestampMs => Timestamp is null
        ? null
        : DateTimeOffset.ParseExact(Timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();

    public static TailRecordLine Parse(string line)
    {
        var json = JsonNode.Parse(line)?.AsObject() ?? throw new FormatException($"Not a JSON object: {line}");
        return new TailRecordLine(
            json["topic"]!.GetValue<string>(),
            json["partition"]!.GetValue<int>(),
            json["offset"]!.GetValue<long>(),
            json["timestamp"]?.GetValue<string>(),
            json["key"]?.DeepClone(),
            json["value"]?.DeepClone(),
            json["error"]?.GetValue<string>(),
            line);
    }

    public override string ToString() => Line;
}
