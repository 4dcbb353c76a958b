using System.Text.Json;

namespace Cdc.Connector.Configuration;

internal static class JsonErrors
{
    /// <summary>"line 3, position 12: 'x' is an invalid start of a value." — 1-based, without the parser's own suffix.</summary>
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            message = message[..suffix];
        }

        return ex.LineNumber is { } line
            ? $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {message}"
            : message;
    }
}
