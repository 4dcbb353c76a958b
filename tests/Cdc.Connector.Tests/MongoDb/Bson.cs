using System.Text.Json.Nodes;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Tests.MongoDb;

/// <summary>Test shorthand: Extended JSON text to BSON and back.</summary>
internal static class Bson
{
    public static byte[] Doc(string json) => ExtendedJsonParser.ParseDocument(json);

    public static string Json(ReadOnlySpan<byte> document) => ExtendedJsonWriter.ToJson(document, ExtendedJsonMode.Relaxed);

    public static JsonObject Node(ReadOnlySpan<byte> document) => JsonNode.Parse(Json(document))!.AsObject();
}
