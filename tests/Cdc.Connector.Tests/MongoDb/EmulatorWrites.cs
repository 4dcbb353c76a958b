using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.MongoDb;

/// <summary>Writes to the emulator with the official driver's command API, as a client application would.</summary>
internal static class EmulatorWrites
{
    public static void Insert(IMongoClient client, string database, string collection, params string[] documents) =>
        Run(client, database, $$"""{"insert": "{{collection}}", "documents": [{{string.Join(",", documents)}}]}""");

    public static void Update(IMongoClient client, string database, string collection, string filter, string update) =>
        Run(client, database, $$"""{"update": "{{collection}}", "updates": [{"q": {{filter}}, "u": {{update}}}]}""");

    public static void Delete(IMongoClient client, string database, string collection, string filter) =>
        Run(client, database, $$"""{"delete": "{{collection}}", "deletes": [{"q": {{filter}}, "limit": 1}]}""");

    public static void Drop(IMongoClient client, string database, string collection) =>
        Run(client, database, $$"""{"drop": "{{collection}}"}""");

    public static void FailPoint(IMongoClient client, string json) => Run(client, "admin", json);

    /// <summary>Runs one command given as (relaxed or canonical) Extended JSON and returns the server's reply.</summary>
    public static BsonDocument Run(IMongoClient client, string database, string json) =>
        client.GetDatabase(database).RunCommand<BsonDocument>(BsonDocument.Parse(json));
}
