using Cdc.Schemas.Bson;

namespace Cdc.Connector.Demo;

/// <summary>Reads the counts of a write command's reply: how many documents it changed, so the workload knows how many change events to expect.</summary>
internal static class CommandReplies
{
    /// <summary>The reply's <c>nModified</c> when present (an update), else <c>n</c> (insert, delete); 0 when neither is there.</summary>
    public static int ChangedDocuments(ReadOnlySpan<byte> reply)
    {
        int? n = null;
        int? modified = null;
        var reader = new BsonReader(reply);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("n"u8))
            {
                n = AsInt(element);
            }
            else if (element.NameEquals("nModified"u8))
            {
                modified = AsInt(element);
            }
        }

        return modified ?? n ?? 0;
    }

    private static int? AsInt(BsonElement element) => element.Type switch
    {
        BsonType.Int32 => element.GetInt32(),
        BsonType.Int64 => (int)element.GetInt64(),
        BsonType.Double => (int)element.GetDouble(),
        _ => null,
    };
}
