namespace Cdc.Connector.Interop.Mongoc;

/// <summary>
/// One libmongoc client (<c>mongoc_client_t</c>, not thread-safe: one owner thread at a time). Connects lazily; the
/// first operation reports an unreachable server as a <see cref="MongoException"/> after serverSelectionTimeoutMS.
/// STUB (contract): the interop helper implements it; keep every member's signature.
/// </summary>
internal sealed class MongoClient : IDisposable
{
    private MongoClient()
    {
    }

    /// <summary>Parses the URI (a bad one throws <see cref="MongoException"/> naming the problem, password redacted).</summary>
    public static MongoClient Create(string uri, string appName) => throw new NotImplementedException(uri + appName);

    /// <summary>Runs one command document (BSON) against a database and returns a copy of the reply document.
    /// A reply with ok:0 or a transport error throws <see cref="MongoException"/>.</summary>
    public byte[] RunCommand(string database, ReadOnlySpan<byte> command) => throw new NotImplementedException(database + command.Length);

    /// <summary>Opens a change stream: <paramref name="pipeline"/> is a BSON document {"pipeline": [stages…]}, options the
    /// watch options document (resumeAfter/startAfter/startAtOperationTime, fullDocument, batchSize, maxAwaitTimeMS…).
    /// A collection scope needs both names, a database scope the database, a cluster scope neither.</summary>
    public ChangeStream Watch(string? database, string? collection, ReadOnlySpan<byte> pipeline, ReadOnlySpan<byte> options) =>
        throw new NotImplementedException((database ?? string.Empty) + collection + pipeline.Length + options.Length);

    public void Dispose()
    {
    }
}
