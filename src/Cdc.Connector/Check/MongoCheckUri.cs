using System.Globalization;

namespace Cdc.Connector.Check;

/// <summary>
/// The connection string `cdc check` uses: mongodb.uri with serverSelectionTimeoutMS and connectTimeoutMS added when
/// the user did not set them, so an unreachable server fails within the check's time limit instead of libmongoc's
/// 30 s default. Options the user set are kept as they are.
/// </summary>
internal static class MongoCheckUri
{
    public static string WithTimeouts(string uri, TimeSpan limit)
    {
        var milliseconds = ((long)limit.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var result = uri;
        foreach (var option in (ReadOnlySpan<string>)["serverSelectionTimeoutMS", "connectTimeoutMS"])
        {
            if (!HasOption(result, option))
            {
                result = Append(result, option + "=" + milliseconds);
            }
        }

        return result;
    }

    private static bool HasOption(string uri, string option)
    {
        var query = uri.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return false;
        }

        foreach (var pair in uri[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (string.Equals(name, option, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Append(string uri, string pair)
    {
        if (uri.Contains('?', StringComparison.Ordinal))
        {
            return uri.EndsWith('?') || uri.EndsWith('&') ? uri + pair : uri + "&" + pair;
        }

        // The options need the path separator: mongodb://host/?x, never mongodb://host?x.
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var slash = uri.IndexOf('/', scheme < 0 ? 0 : scheme + 3);
        return slash < 0 ? uri + "/?" + pair : uri + "?" + pair;
    }
}
