using Cdc.Schemas.Bson;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Reads what the pipeline needs from a raw change event before (and even without) mapping it: its <c>_id</c> resume
/// token, as the raw BSON document MongoDB resumes from, and its operation type.
/// </summary>
internal static class ChangeEventIdentity
{
    /// <summary>The event's <c>_id</c> document, or empty when it has none or the event is not readable BSON.</summary>
    public static ReadOnlySpan<byte> ResumeToken(ReadOnlySpan<byte> changeEvent)
    {
        try
        {
            var reader = new BsonReader(changeEvent);
            while (reader.MoveNext())
            {
                if (reader.Current.Type == BsonType.Document && reader.Current.NameEquals("_id"u8))
                {
                    return reader.Current.Value;
                }
            }
        }
        catch (BsonFormatException)
        {
            // A malformed event has no usable token; the caller reports it.
        }

        return [];
    }

    /// <summary>The operationType string, or null (for dead-letter headers; allocates, so never on the hot path).</summary>
    public static string? OperationType(ReadOnlySpan<byte> changeEvent)
    {
        try
        {
            var reader = new BsonReader(changeEvent);
            while (reader.MoveNext())
            {
                if (reader.Current.Type == BsonType.String && reader.Current.NameEquals("operationType"u8))
                {
                    return System.Text.Encoding.UTF8.GetString(reader.Current.GetStringUtf8());
                }
            }
        }
        catch (BsonFormatException)
        {
            // Unknown then.
        }

        return null;
    }

    /// <summary>
    /// The event's documentKey as canonical Extended JSON (as the record's key holds it), or null when it has none or it
    /// is not readable. For the messages and dead-letter records of oversized events; allocates.
    /// </summary>
    public static string? DocumentKeyJson(ReadOnlySpan<byte> changeEvent)
    {
        try
        {
            var reader = new BsonReader(changeEvent);
            while (reader.MoveNext())
            {
                if (reader.Current.Type == BsonType.Document && reader.Current.NameEquals("documentKey"u8))
                {
                    var json = new System.Buffers.ArrayBufferWriter<byte>();
                    Cdc.Schemas.ExtendedJson.ExtendedJsonWriter.WriteDocument(reader.Current.Value, json, Cdc.Schemas.ExtendedJson.ExtendedJsonMode.Canonical);
                    return System.Text.Encoding.UTF8.GetString(json.WrittenSpan);
                }
            }
        }
        catch (BsonFormatException)
        {
            // Unknown then.
        }

        return null;
    }

    /// <summary>The token's <c>_data</c> string for headers and messages, or null.</summary>
    public static string? TokenData(ReadOnlySpan<byte> token)
    {
        if (token.Length < 5)
        {
            return null;
        }

        try
        {
            var reader = new BsonReader(token);
            while (reader.MoveNext())
            {
                if (reader.Current.Type == BsonType.String && reader.Current.NameEquals("_data"u8))
                {
                    return System.Text.Encoding.UTF8.GetString(reader.Current.GetStringUtf8());
                }
            }
        }
        catch (BsonFormatException)
        {
            // No readable _data.
        }

        return null;
    }
}
