using System.Text.Json.Nodes;

namespace Cdc.Integration.Tests;

/// <summary>Extended JSON strings from two writers (the Node driver's, the connector's) compared by content, not spacing.</summary>
internal static class JsonText
{
    /// <summary>The compact form of a JSON text (same member order), so equal documents give equal strings.</summary>
    public static string? Compact(string? json) => json is null ? null : JsonNode.Parse(json)?.ToJsonString();

    public static bool SameContent(string? left, string? right) =>
        left is null || right is null ? left == right : JsonNode.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right));
}
