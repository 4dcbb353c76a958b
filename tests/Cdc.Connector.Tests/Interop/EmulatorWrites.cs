using Cdc.Connector.Interop.Mongoc;

namespace Cdc.Connector.Tests.Interop;

/// <summary>Writes to the emulator through the interop under test (RunCommand), as a client application would.</summary>
internal static class EmulatorWrites
{
    public static void Insert(MongoClient client, string database, string collection, params string[] documents) =>
        client.RunCommand(database, Bson.Doc($$"""{"insert": "{{collection}}", "documents": [{{string.Join(",", documents)}}]}"""));

    public static void Update(MongoClient client, string database, string collection, string filter, string update) =>
        client.RunCommand(database, Bson.Doc($$"""{"update": "{{collection}}", "updates": [{"q": {{filter}}, "u": {{update}}}]}"""));

    public static void Delete(MongoClient client, string database, string collection, string filter) =>
        client.RunCommand(database, Bson.Doc($$"""{"delete": "{{collection}}", "deletes": [{"q": {{filter}}, "limit": 1}]}"""));

    public static void Drop(MongoClient client, string database, string collection) =>
        client.RunCommand(database, Bson.Doc($$"""{"drop": "{{collection}}"}"""));

    public static void FailPoint(MongoClient client, string json) => client.RunCommand("admin", Bson.Doc(json));
}
