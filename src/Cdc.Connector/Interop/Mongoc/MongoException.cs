namespace Cdc.Connector.Interop.Mongoc;

/// <summary>
/// A libmongoc failure: its <c>bson_error_t</c> (domain, code, message) and, for server errors, the reply's
/// <c>codeName</c> and <c>errorLabels</c>. Callers decide by <see cref="Code"/> and labels, never by message text.
/// </summary>
internal sealed class MongoException : Exception
{
    public MongoException(string message, uint domain, int code, string? codeName, IReadOnlyList<string> errorLabels, Exception? inner = null)
        : base(message, inner)
    {
        Domain = domain;
        Code = code;
        CodeName = codeName;
        ErrorLabels = errorLabels;
    }

    public MongoException()
        : this("MongoDB operation failed.", 0, 0, null, [])
    {
    }

    public MongoException(string message)
        : this(message, 0, 0, null, [])
    {
    }

    public MongoException(string message, Exception inner)
        : this(message, 0, 0, null, [], inner)
    {
    }

    /// <summary>libbson's error domain (MONGOC_ERROR_SERVER = 17 with error API 2, MONGOC_ERROR_STREAM = 2, MONGOC_ERROR_SERVER_SELECTION = 15, …).</summary>
    public uint Domain { get; }

    /// <summary>The server's error code (286 ChangeStreamHistoryLost, 260 InvalidResumeToken, …) or libmongoc's own.</summary>
    public int Code { get; }

    public string? CodeName { get; }

    public IReadOnlyList<string> ErrorLabels { get; }

    public bool HasLabel(string label)
    {
        foreach (var candidate in ErrorLabels)
        {
            if (candidate == label)
            {
                return true;
            }
        }

        return false;
    }
}
