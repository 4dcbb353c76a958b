namespace Cdc.Connector.Configuration;

/// <summary>Hides the password of a connection string ("scheme://user:****@host…") so a URI can be shown in an error.</summary>
internal static class MongoUriRedactor
{
    public static string Redact(string uri)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = scheme < 0 ? 0 : scheme + 3;
        var pathStart = uri.IndexOf('/', authorityStart);
        var authorityEnd = pathStart < 0 ? uri.Length : pathStart;
        if (authorityEnd <= authorityStart)
        {
            return uri;
        }

        // The password may itself contain '@' when not percent-encoded: the user info ends at the LAST '@'.
        var at = uri.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (at < 0)
        {
            return uri;
        }

        var colon = uri.IndexOf(':', authorityStart, at - authorityStart);
        return colon < 0
            ? uri
            : string.Concat(uri.AsSpan(0, colon + 1), "****", uri.AsSpan(at));
    }
}
