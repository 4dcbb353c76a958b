namespace Cdc.Schemas.Registry;

/// <summary>
/// One registry base URL, split into what requests use (no credentials, a trailing slash so relative paths append)
/// and what messages show (credentials redacted), plus any user:password it carried.
/// </summary>
internal sealed class SchemaRegistryEndpoint
{
    private SchemaRegistryEndpoint(Uri baseUri, string display, string? userInfo)
    {
        BaseUri = baseUri;
        Display = display;
        UserInfo = userInfo;
    }

    public Uri BaseUri { get; }

    /// <summary>The URL for messages and logs: user:password@ is replaced by ***@.</summary>
    public string Display { get; }

    /// <summary>The unescaped user:password of the URL, or null.</summary>
    public string? UserInfo { get; }

    public static SchemaRegistryEndpoint Parse(string url, int index)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ArgumentException($"Schema Registry URL #{index + 1} is empty.", nameof(url));
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Schema Registry URL #{index + 1} '{Redact(url)}' is not an absolute http:// or https:// URL.", nameof(url));
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ArgumentException($"Schema Registry URL #{index + 1} '{Redact(url)}' must not have a query or fragment.", nameof(url));
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        var userInfo = string.IsNullOrEmpty(uri.UserInfo) ? null : Uri.UnescapeDataString(uri.UserInfo);
        var display = builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (userInfo is not null)
        {
            display = display.Replace("://", "://***@", StringComparison.Ordinal);
        }

        return new SchemaRegistryEndpoint(builder.Uri, display, userInfo);
    }

    /// <summary>Removes user:password@ from a URL-like string that may not even parse.</summary>
    public static string Redact(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme < 0 ? 0 : scheme + 3;
        var at = url.IndexOf('@', hostStart);
        var slash = url.IndexOf('/', hostStart);
        return at >= 0 && (slash < 0 || at < slash) ? string.Concat(url.AsSpan(0, hostStart), "***", url.AsSpan(at)) : url;
    }
}
