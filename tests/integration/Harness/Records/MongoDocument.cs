using System.Text.Json.Nodes;
using Cdc.Tests.Shared;

namespace Cdc.Integration.Tests;

/// <summary>One document read by _id with the official Node.js driver (tests/js/it/find-document.mjs), as relaxed Extended JSON.</summary>
internal static class MongoDocument
{
    /// <summary>The document of <paramref name="database"/>.<paramref name="collection"/> whose _id is <paramref name="id"/>, or null.</summary>
    public static JsonObject? Find(ItEndpoints endpoints, string database, string collection, string id)
    {
        var input = new JsonObject { ["uri"] = endpoints.MongoDbUri, ["db"] = database, ["coll"] = collection, ["id"] = id };
        var reply = JsonNode.Parse(NodeScript.Run("it/find-document.mjs", input.ToJsonString() + "\n", Deadlines.Step))!;
        return reply["document"]?.AsObject();
    }
}
