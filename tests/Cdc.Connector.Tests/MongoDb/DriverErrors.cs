using System.Net;
using Cdc.Connector.MongoDb;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;

namespace Cdc.Connector.Tests.MongoDb;

/// <summary>
/// The exceptions the MongoDB driver throws, built with its public constructors, and the same after the connector's
/// translation at the driver's boundary (what the pipeline then sees).
/// </summary>
internal static class DriverErrors
{
    public static ConnectionId Connection { get; } = new(new ServerId(new ClusterId(1), new DnsEndPoint("127.0.0.1", 27017)));

    /// <summary>A server's ok:0 reply to a command, as the driver reports it.</summary>
    public static MongoCommandException Command(int code, string codeName, params string[] labels)
    {
        var reply = new BsonDocument
        {
            { "ok", 0 },
            { "errmsg", $"{codeName} (injected by the test)" },
            { "code", code },
            { "codeName", codeName },
        };
        if (labels.Length > 0)
        {
            reply.Add("errorLabels", new BsonArray(labels));
        }

        return new MongoCommandException(Connection, $"Command getMore failed: {codeName} (injected by the test).", new BsonDocument("getMore", 1L), reply);
    }

    public static MongoFailureException Server(int code, string codeName) => Translated(Command(code, codeName));

    public static MongoFailureException HistoryLost() => Server(286, "ChangeStreamHistoryLost");

    public static MongoFailureException ConnectionReset() =>
        Translated(new MongoConnectionException(Connection, "connection reset (injected by the test)", new IOException("Connection reset by peer")));

    private static MongoFailureException Translated(Exception error) =>
        (MongoFailureException)MongoFailureTranslator.Translate(error, "Reading the change stream on collection shop.orders");
}
