using System.Globalization;
using System.Text.Json;
using Cdc.Schemas.Bson;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>
/// Reads the scalar payloads of Extended JSON type wrappers and checks their shape, throwing
/// <see cref="ExtendedJsonException"/> that names the JSON path and the problem.
/// </summary>
internal static class ExtendedJsonValues
{
    internal static byte[] ParseObjectId(JsonElement value, string path)
    {
        var text = RequireString(value, path);
        if (text.Length != 24 || text.AsSpan().IndexOfAnyExcept(ExtendedJsonKeys.HexDigits) >= 0)
        {
            throw Error(path, $"an ObjectId must be 24 hex digits, not \"{Shorten(text)}\"");
        }

        return Convert.FromHexString(text);
    }

    internal static int ParseInt32(string text, string path) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(path, $"\"{Shorten(text)}\" is not a 32-bit integer");

    internal static long ParseInt64(string text, string path) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(path, $"\"{Shorten(text)}\" is not a 64-bit integer");

    internal static double ParseDouble(string text, string path)
    {
        switch (text)
        {
            case "Infinity":
                return double.PositiveInfinity;
            case "-Infinity":
                return double.NegativeInfinity;
            case "NaN":
                return double.NaN;
        }

        // Only decimal notation: .NET would otherwise also take "∞", "infinity" or hex-free oddities.
        if (text.Length == 0
            || text.AsSpan().IndexOfAnyExcept(ExtendedJsonKeys.DecimalNumberCharacters) >= 0
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw Error(path, $"\"{Shorten(text)}\" is not a double (expected decimal notation, Infinity, -Infinity or NaN)");
        }

        return value;
    }

    internal static Decimal128 ParseDecimal(string text, string path)
    {
        try
        {
            return Decimal128.Parse(text);
        }
        catch (FormatException error)
        {
            throw new ExtendedJsonException($"Invalid Extended JSON at {path}: {error.Message}", error);
        }
    }

    internal static long ParseDate(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                {
                    var text = value.GetString()!;
                    return IsoDateText.TryParseMilliseconds(text, out var milliseconds)
                        ? milliseconds
                        : throw Error(path, $"\"{Shorten(text)}\" is not an ISO-8601 date-time with a time zone");
                }

            case JsonValueKind.Object:
                RequireKeys(value, path, CountProperties(value), "$numberLong");
                return ParseInt64(RequireString(value.GetProperty("$numberLong"), $"{path}.$numberLong"), $"{path}.$numberLong");
            default:
                throw Error(path, $"must be an ISO-8601 string or {{\"$numberLong\": \"…\"}}, not {value.ValueKind}");
        }
    }

    internal static BsonTimestamp ParseTimestamp(JsonElement value, string path)
    {
        RequireObject(value, path);
        RequireKeys(value, path, CountProperties(value), "t", "i");
        return new BsonTimestamp(
            Seconds: RequireUInt32(RequireProperty(value, "t", path), $"{path}.t"),
            Increment: RequireUInt32(RequireProperty(value, "i", path), $"{path}.i"));
    }

    internal static byte[] ParseUuid(string text, string path)
    {
        var valid = text.Length == 36;
        for (var i = 0; valid && i < text.Length; i++)
        {
            var hyphenHere = i is 8 or 13 or 18 or 23;
            valid = hyphenHere ? text[i] == '-' : char.IsAsciiHexDigit(text[i]);
        }

        if (!valid)
        {
            throw Error(path, $"\"{Shorten(text)}\" is not a UUID of the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
        }

        return Convert.FromHexString(text.Replace("-", string.Empty, StringComparison.Ordinal));
    }

    internal static uint RequireUInt32(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out var number)
            ? number
            : throw Error(path, $"must be an unsigned 32-bit integer, not {Shorten(value.GetRawText())}");

    internal static string RequireString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Error(path, $"must be a string, not {value.ValueKind} {Shorten(value.GetRawText())}");

    internal static void RequireObject(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"must be an object, not {value.ValueKind} {Shorten(value.GetRawText())}");
        }
    }

    internal static JsonElement RequireProperty(JsonElement obj, string key, string path) =>
        obj.TryGetProperty(key, out var value) ? value : throw Error(path, $"is missing the \"{key}\" field");

    /// <summary>The object must hold exactly these keys (each once), in any order.</summary>
    internal static void RequireKeys(JsonElement obj, string path, int count, params ReadOnlySpan<string> keys)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!keys.Contains(property.Name))
            {
                throw Error(path, $"unexpected field \"{property.Name}\" (expected only {string.Join(", ", keys.ToArray())})");
            }
        }

        foreach (var key in keys)
        {
            if (!obj.TryGetProperty(key, out _))
            {
                throw Error(path, $"is missing the \"{key}\" field");
            }
        }

        if (count != keys.Length)
        {
            throw Error(path, $"has a repeated field (expected exactly {string.Join(", ", keys.ToArray())})");
        }
    }

    internal static int CountProperties(JsonElement obj)
    {
        var count = 0;
        foreach (var unused in obj.EnumerateObject())
        {
            count++;
        }

        return count;
    }

    internal static void CheckDepth(int depth, string path)
    {
        if (depth > BsonLimits.MaxNestingDepth)
        {
            throw Error(path, $"documents are nested deeper than {BsonLimits.MaxNestingDepth} levels");
        }
    }

    internal static string Shorten(string text) => text.Length > 60 ? string.Concat(text.AsSpan(0, 60), "…") : text;

    internal static ExtendedJsonException Error(string path, string problem) => new($"Invalid Extended JSON at {path}: {problem}.");
}
