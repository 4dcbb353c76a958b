using Avro.Generic;

namespace Cdc.Demo;

/// <summary>
/// The fields of a decoded envelope value (docs/mapping.md) the demo's consumer looks at: the operation, the event's
/// wallTime (for end-to-end latency), whether it came from a transaction, and what to show of the document.
/// </summary>
internal readonly record struct EnvelopeFields(string OperationType, long? WallTimeMs, bool InTransaction, string Document)
{
    /// <summary>Reads a decoded envelope value; throws <see cref="KeyNotFoundException"/> or <see cref="InvalidCastException"/> when it is not an envelope.</summary>
    public static EnvelopeFields Read(GenericRecord value)
    {
        var operationType = (string?)Field(value, "operationType") ?? "(null)";

        // wallTime is a timestamp-millis: Apache.Avro hands the logical value (a UTC DateTime), not the long.
        long? wallTime = Field(value, "wallTime") switch
        {
            DateTime time => new DateTimeOffset(time.ToUniversalTime()).ToUnixTimeMilliseconds(),
            long milliseconds => milliseconds,
            _ => null,
        };
        var inTransaction = Field(value, "txnNumber") is long;

        // Inserts carry the whole document; updates (fullDocument=default) only what changed, which is what a reader wants to see.
        var document = Field(value, "fullDocument") is string full
            ? full
            : Field(value, "updateDescription") is GenericRecord update
                ? "$set " + (string?)Field(update, "updatedFields")
                : "";
        return new EnvelopeFields(operationType, wallTime, inTransaction, document);
    }

    /// <summary>The key record's documentKey (itself canonical Extended JSON).</summary>
    public static string DocumentKey(GenericRecord key) => (string?)Field(key, "documentKey") ?? "(null)";

    private static object? Field(GenericRecord record, string name) =>
        record.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"the record {record.Schema.Fullname} has no field '{name}': it is not a cdc change event key or envelope (docs/mapping.md)");
}
