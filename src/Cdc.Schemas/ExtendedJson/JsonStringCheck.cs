using System.Text.Json;
using System.Text.Unicode;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>
/// Utf8JsonReader checks JSON syntax but not that string contents are valid UTF-8 (or that \u escapes pair up into
/// valid UTF-16); reading such a string later throws an InvalidOperationException without a position. This finds the
/// first one, so that a reader of untrusted JSON can say where it is.
/// </summary>
internal static class JsonStringCheck
{
    /// <summary>
    /// Whether <paramref name="utf8Json"/> has a string or property name that does not decode; if so,
    /// <paramref name="tokenStart"/> is the zero-based offset of its opening quote. Malformed JSON throws
    /// <see cref="JsonException"/>, as Utf8JsonReader does.
    /// </summary>
    public static bool TryFindUndecodable(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options, out long tokenStart, out bool isPropertyName)
    {
        var reader = new Utf8JsonReader(utf8Json, options);
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
            {
                continue;
            }

            var valid = reader.ValueIsEscaped ? CanDecode(ref reader) : !reader.HasValueSequence && Utf8.IsValid(reader.ValueSpan);
            if (!valid)
            {
                tokenStart = reader.TokenStartIndex;
                isPropertyName = reader.TokenType == JsonTokenType.PropertyName;
                return true;
            }
        }

        tokenStart = -1;
        isPropertyName = false;
        return false;
    }

    private static bool CanDecode(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
