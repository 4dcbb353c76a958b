using System.Text.Json.Nodes;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Tests.Mapping;

/// <summary>Change events built from a fixture with a mutation applied, for the failure and policy tests.</summary>
internal static class TestEvents
{
    public static byte[] From(string fixture, Action<JsonObject> mutate)
    {
        var json = JsonNode.Parse(MappingFixtures.Text(fixture))!.AsObject();
        mutate(json);
        return ExtendedJsonParser.ParseDocument(json.ToJsonString());
    }

    /// <summary>The offset of the first occurrence of <paramref name="utf8"/> in <paramref name="bson"/>.</summary>
    public static int IndexOf(byte[] bson, string utf8)
    {
        var index = bson.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(utf8));
        return index >= 0 ? index : throw new InvalidOperationException($"'{utf8}' not found in the event.");
    }
}
