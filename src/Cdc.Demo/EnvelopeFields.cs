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
        if (value.TryGetValue("__cdc", out var metadata) && metadata is GenericRecord typed)
        {
            return ReadTyped(value, typed);
        }

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

    /// <summary>
    /// A typed value (mapping.value=document, docs/typed-values.md): the operation and wallTime from its <c>__cdc</c>
    /// record, and the document's own fields (those that are not null), as the record shows them. Typed values carry no
    /// transaction number.
    /// </summary>
    private static EnvelopeFields ReadTyped(GenericRecord value, GenericRecord metadata)
    {
        var operationType = (string?)Field(metadata, "op") ?? "(null)";
        long? wallTime = Field(metadata, "wallTime") switch
        {
            DateTime time => new DateTimeOffset(time.ToUniversalTime()).ToUnixTimeMilliseconds(),
            long milliseconds => milliseconds,
            _ => null,
        };
        var fields = value.Schema.Fields
            .Where(f => f.Name != "__cdc" && value[f.Name] is not null)
            .Select(f => $"{f.Name}: {Show(value[f.Name])}");
        return new EnvelopeFields(operationType, wallTime, InTransaction: false, "{" + string.Join(", ", fields) + "}");
    }

    private static string Show(object? value) => value switch
    {
        GenericRecord record => "{" + string.Join(", ", record.Schema.Fields.Where(f => record[f.Name] is not null).Select(f => $"{f.Name}: {Show(record[f.Name])}")) + "}",
        byte[] bytes => Convert.ToBase64String(bytes),
        System.Collections.IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        DateTime time => time.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };

    /// <summary>The key record's documentKey (itself canonical Extended JSON).</summary>
    public static string DocumentKey(GenericRecord key) => (string?)Field(key, "documentKey") ?? "(null)";

    private static object? Field(GenericRecord record, string name) =>
        record.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"the record {record.Schema.Fullname} has no field '{name}': it is not a cdc change event key or envelope (docs/mapping.md)");
}
