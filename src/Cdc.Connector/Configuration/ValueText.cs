using System.Text.Json;

namespace Cdc.Connector.Configuration;

/// <summary>Renders an offending value for "got …" in messages: short, quoted, and hidden when secret.</summary>
internal static class ValueText
{
    private const int MaxLength = 60;

    public static string Describe(string text, bool secret) =>
        secret ? "a value that is not shown (secret)" : Quote(text);

    public static string Describe(JsonElement element, bool secret) => element.ValueKind switch
    {
        JsonValueKind.String => secret ? "a string that is not shown (secret)" : Quote(element.GetString() ?? string.Empty),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => secret ? $"a {KindName(element.ValueKind)}" : Truncate(element.GetRawText()),
    };

    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    private static string Quote(string text) => $"\"{Truncate(text)}\"";

    private static string Truncate(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxLength), "…");
    }
}
