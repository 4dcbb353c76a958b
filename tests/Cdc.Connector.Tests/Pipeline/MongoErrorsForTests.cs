using Cdc.Connector.Interop.Mongoc;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>MongoDB failures as libmongoc reports them (error API version 2: server errors in domain 17, MONGOC_ERROR_SERVER).</summary>
internal static class MongoErrorsForTests
{
    public const uint ServerDomain = 17;

    /// <summary>MONGOC_ERROR_STREAM: the connection failed.</summary>
    public const uint StreamDomain = 2;

    public static MongoException Server(int code, string codeName) => new($"{codeName} (injected by the test)", ServerDomain, code, codeName, []);

    public static MongoException HistoryLost() => Server(286, "ChangeStreamHistoryLost");

    public static MongoException ConnectionReset() => new("connection reset (injected by the test)", StreamDomain, 9, null, []);
}
