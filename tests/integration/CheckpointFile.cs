using System.Text.Json;

namespace Cdc.Integration.Tests;

/// <summary>
/// Reads the file checkpoint store's JSON (<c>{"resumeToken":{"_data":…},"startAfter",…,"committedAt"}</c>) the way an
/// operator would, to see what the connector committed.
/// </summary>
internal static class CheckpointFile
{
    /// <summary>The committed token's <c>_data</c>; null when there is no file yet or it holds no token.</summary>
    public static string? ReadTokenData(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.TryGetProperty("resumeToken", out var token) && token.ValueKind == JsonValueKind.Object
            ? token.GetProperty("_data").GetString()
            : null;
    }

    public static string Describe(string path) => File.Exists(path) ? File.ReadAllText(path) : $"(no checkpoint file {path})";
}
