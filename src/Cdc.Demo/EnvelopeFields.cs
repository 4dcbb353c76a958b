using System.Text.Json;

namespace Cdc.Connector.Demo;

/// <summary>
/// The fields of a decoded envelope value (docs/mapping.md) the demo's consumer looks at: the operation, the event's
/// wallTime (for end-to-end latency), whether it came from a transaction, and what to show of the document.
/// </summary>
internal readonly record struct EnvelopeFields(string OperationType, long? WallTimeMs, bool InTransaction, string Document)
{
    /// <summary>Reads the decoded value JSON; throws <see cref="JsonException"/> or <see cref="InvalidOperationException"/> when it is not an envelope.</summary>
    public static EnvelopeFields Read(string valueJson)
    {
        using var json = JsonDocument.Parse(valueJson);
        var root = json.RootElement;
        var operationType = root.GetProperty("operationType").GetString() ?? "(null)";
        long? wallTime = root.GetProperty("wallTime") is { ValueKind: JsonValueKind.Number } wall ? wall.GetInt64() : null;
        var inTransaction = root.GetProperty("txnNumber").ValueKind == JsonValueKind.Number;

        // Inserts carry the whole document; updates (fullDocument=default) only what changed, which is what a reader wants to see.
        var document = root.GetProperty("fullDocument") is { ValueKind: JsonValueKind.String } full
            ? full.GetString()!
            : root.GetProperty("updateDescription") is { ValueKind: JsonValueKind.Object } update
                ? "$set " + update.GetProperty("updatedFields").GetString()
                : "";
        return new EnvelopeFields(operationType, wallTime, inTransaction, document);
    }

    /// <summary>The key record's documentKey (itself canonical Extended JSON) from the decoded key JSON.</summary>
    public static string DocumentKey(string keyJson)
    {
        using var json = JsonDocument.Parse(keyJson);
        return json.RootElement.GetProperty("documentKey").GetString() ?? "(null)";
    }
}
