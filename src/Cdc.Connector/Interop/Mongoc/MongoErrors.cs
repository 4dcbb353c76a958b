using System.Text;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>
/// Builds a <see cref="MongoException"/> from libmongoc's <c>bson_error_t</c> and, when the server answered, its reply
/// or error document: <c>code</c>, <c>codeName</c> and <c>errorLabels</c> come from the document (libmongoc's own
/// code is used when there is none, e.g. a socket or server-selection failure).
/// </summary>
internal static class MongoErrors
{
    /// <summary>MONGOC_ERROR_SERVER (error API version 2): the error came from a server reply.</summary>
    public const uint ServerDomain = 17;

    /// <summary>MONGOC_ERROR_API_VERSION_2: server errors get <see cref="ServerDomain"/> instead of the legacy
    /// per-operation domains (QUERY, COMMAND…), so a server error is told apart from a client-side one.</summary>
    public const int ErrorApiVersion = 2;

    public static MongoException Create(string operation, in BsonError error, ReadOnlySpan<byte> reply)
    {
        var code = (int)error.Code;
        string? codeName = null;
        var labels = new List<string>();
        if (reply.Length >= 5)
        {
            ReadReply(reply, ref code, ref codeName, labels);
        }

        var message = error.Message;
        var text = codeName is null
            ? $"{operation} failed: {message} (domain {error.Domain}, code {code})"
            : $"{operation} failed: {message} ({codeName}, code {code})";
        if (labels.Count > 0)
        {
            text += $" [labels: {string.Join(", ", labels)}]";
        }

        return new MongoException(text, error.Domain, code, codeName, labels);
    }

    private static void ReadReply(ReadOnlySpan<byte> reply, ref int code, ref string? codeName, List<string> labels)
    {
        try
        {
            var reader = new BsonReader(reply);
            while (reader.MoveNext())
            {
                var element = reader.Current;
                if (element.NameEquals("code"u8))
                {
                    code = element.Type switch
                    {
                        BsonType.Int32 => element.GetInt32(),
                        BsonType.Int64 => (int)element.GetInt64(),
                        BsonType.Double => (int)element.GetDouble(),
                        _ => code,
                    };
                }
                else if (element.NameEquals("codeName"u8) && element.Type == BsonType.String)
                {
                    codeName = Encoding.UTF8.GetString(element.GetStringUtf8());
                }
                else if (element.NameEquals("errorLabels"u8) && element.Type == BsonType.Array)
                {
                    var items = element.GetDocumentReader();
                    while (items.MoveNext())
                    {
                        if (items.Current.Type == BsonType.String)
                        {
                            labels.Add(Encoding.UTF8.GetString(items.Current.GetStringUtf8()));
                        }
                    }
                }
            }
        }
        catch (BsonFormatException)
        {
            // A malformed reply must not hide the error libmongoc already reported: keep its code and message.
        }
    }
}
