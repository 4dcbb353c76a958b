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

    /// <summary>Waits until the file holds a token (the connector committed an event or a stream position); fails the test at <paramref name="timeout"/>, which only bounds a hang.</summary>
    public static async Task<string> WaitForTokenAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (ReadTokenData(path) is { } token)
            {
                return token;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"No token was committed within {timeout.TotalSeconds:0} s: {Describe(path)}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    public static string Describe(string path) => File.Exists(path) ? File.ReadAllText(path) : $"(no checkpoint file {path})";
}
