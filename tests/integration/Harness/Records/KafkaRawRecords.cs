using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Tests.Shared;

namespace Cdc.Integration.Tests;

/// <summary>
/// Records of a topic as raw bytes, without the registry (tests/js/it/kafka-raw-records.mjs, kafkajs): how a test puts
/// something other than a checkpoint into the kafka checkpoint store's topic, and sees afterwards what the topic holds.
/// </summary>
internal static class KafkaRawRecords
{
    /// <summary>Produces one record with <paramref name="key"/> (UTF-8) and <paramref name="value"/> (null: a tombstone), acks=all.</summary>
    public static void Produce(ItEndpoints endpoints, string topic, string key, byte[]? value)
    {
        var produce = new JsonObject { ["key"] = key, ["valueBase64"] = value is null ? null : Convert.ToBase64String(value) };
        Run(new JsonObject { ["brokers"] = endpoints.KafkaBootstrapServers, ["topic"] = topic, ["produce"] = produce });
    }

    /// <summary>The values of every record with <paramref name="key"/>, from the beginning of the topic to its end (null: a tombstone).</summary>
    public static IReadOnlyList<byte[]?> ReadValues(ItEndpoints endpoints, string topic, string key)
    {
        using var reply = Run(new JsonObject { ["brokers"] = endpoints.KafkaBootstrapServers, ["topic"] = topic, ["readKey"] = key });
        return reply.RootElement.GetProperty("values").EnumerateArray()
            .Select(value => value.ValueKind == JsonValueKind.Null ? null : Convert.FromBase64String(value.GetString()!))
            .ToArray();
    }

    /// <summary>Every record of <paramref name="topic"/>, whatever its key, from the beginning to the end (an empty list while the topic does not exist).</summary>
    public static IReadOnlyList<RawRecord> ReadAll(ItEndpoints endpoints, string topic)
    {
        using var reply = Run(new JsonObject { ["brokers"] = endpoints.KafkaBootstrapServers, ["topic"] = topic, ["readAll"] = true });
        return reply.RootElement.GetProperty("records").EnumerateArray()
            .Select(record => new RawRecord(
                Bytes(record.GetProperty("keyBase64")),
                Bytes(record.GetProperty("valueBase64")),
                record.GetProperty("headers").EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString(), StringComparer.Ordinal)))
            .ToArray();
    }

    private static byte[]? Bytes(JsonElement base64) => base64.ValueKind == JsonValueKind.Null ? null : Convert.FromBase64String(base64.GetString()!);

    private static JsonDocument Run(JsonObject input) =>
        JsonDocument.Parse(NodeScript.Run("it/kafka-raw-records.mjs", input.ToJsonString() + "\n", Deadlines.Step));
}
