using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Bench;

/// <summary>The server's current operation time, read before a benchmark writes, so a stream opened there reads every write after.</summary>
internal static class MongoOperationTime
{
    /// <summary>A ping in a session: the driver records the reply's operationTime there.</summary>
    public static Cdc.Schemas.Bson.BsonTimestamp Now(string uri)
    {
        using var client = new MongoClient(uri);
        using var session = client.StartSession();
        client.GetDatabase("admin").RunCommand<BsonDocument>(session, new BsonDocument("ping", 1));
        var time = session.OperationTime ?? throw new InvalidOperationException("The server reported no operationTime.");
        return new Cdc.Schemas.Bson.BsonTimestamp((uint)time.Timestamp, (uint)time.Increment);
    }
}
