using System.Text;

namespace Cdc.Connector.Configuration;

/// <summary>
/// Hides the secrets of a connection string so a URI can be shown in an error or a log line: the password
/// ("scheme://user:****@host…") and the values of the options that carry credentials (tlsCertificateKeyFilePassword,
/// authMechanismProperties, which holds e.g. AWS_SESSION_TOKEN). When the shape is ambiguous it hides more, never less.
/// </summary>
internal static class MongoUriRedactor
{
    public const string Mask = "****";

    // Compared ignoring case, as MongoDB drivers read option names.
    private static readonly string[] SecretOptions = ["tlsCertificateKeyFilePassword", "sslClientCertificateKeyPassword", "authMechanismProperties"];

    public static string Redact(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = scheme < 0 ? 0 : scheme + 3;
        var at = UserInfoEnd(uri, authorityStart);
        var builder = new StringBuilder(uri.Length);
        var rest = authorityStart;
        if (at >= 0)
        {
            var colon = uri.IndexOf(':', authorityStart, at - authorityStart);
            if (colon >= 0)
            {
                builder.Append(uri, 0, colon + 1).Append(Mask);
                rest = at;
            }
        }

        if (rest == authorityStart)
        {
            builder.Append(uri, 0, authorityStart);
        }

        AppendWithSecretOptionsHidden(builder, uri, rest);
        return builder.ToString();
    }

    /// <summary>
    /// The '@' that ends the user info, or -1. Passwords should be percent-encoded, but people paste them raw: a raw
    /// '@', ':' or '/' stays inside the user info because it ends at the LAST '@' before the query. A '?' in a raw
    /// password looks like the query's start; an '@' after it with no '=' in between is taken as the user info's end.
    /// </summary>
    private static int UserInfoEnd(string uri, int authorityStart)
    {
        var query = uri.IndexOf('?', authorityStart);
        var end = query < 0 ? uri.Length : query;
        var at = end > authorityStart ? uri.LastIndexOf('@', end - 1, end - authorityStart) : -1;
        if (at >= 0 || query < 0)
        {
            return at;
        }

        var later = uri.LastIndexOf('@');
        return later > query && uri.IndexOf('=', query, later - query) < 0 ? later : -1;
    }

    private static void AppendWithSecretOptionsHidden(StringBuilder builder, string uri, int start)
    {
        var query = uri.IndexOf('?', start);
        if (query < 0)
        {
            builder.Append(uri, start, uri.Length - start);
            return;
        }

        builder.Append(uri, start, query + 1 - start);
        var options = uri[(query + 1)..].Split('&');
        for (var i = 0; i < options.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            var option = options[i];
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? option : option[..equals];
            if (equals >= 0 && Array.Exists(SecretOptions, secret => string.Equals(secret, name, StringComparison.OrdinalIgnoreCase)))
            {
                builder.Append(name).Append('=').Append(Mask);
            }
            else
            {
                builder.Append(option);
            }
        }
    }
}
