namespace Cdc.Connector.Registry;

/// <summary>
/// One registry base URL split into what Confluent's client is given (no credentials: its error messages quote the
/// URL, and it does not authenticate with them), what messages show, and the user:password it carried, if any.
/// </summary>
internal sealed class RegistryEndpoint
{
    private RegistryEndpoint(string baseUrl, string display, string? userInfo)
    {
        BaseUrl = baseUrl;
        Display = display;
        UserInfo = userInfo;
    }

    /// <summary>The URL without credentials, with a trailing slash, as Confluent's client names it in its messages.</summary>
    public string BaseUrl { get; }

    /// <summary>The URL for messages and logs: no credentials, no trailing slash.</summary>
    public string Display { get; }

    /// <summary>The unescaped user:password of the URL, or null.</summary>
    public string? UserInfo { get; }

    public static RegistryEndpoint Parse(string url, int index)
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
        var baseUrl = builder.Uri.ToString();
        return new RegistryEndpoint(baseUrl, baseUrl.TrimEnd('/'), userInfo);
    }

    /// <summary>Removes user:password@ from a URL-like string that may not even parse.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme < 0 ? 0 : scheme + 3;
        var at = url.IndexOf('@', hostStart);
        var slash = url.IndexOf('/', hostStart);
        return at >= 0 && (slash < 0 || at < slash) ? string.Concat(url.AsSpan(0, hostStart), "***", url.AsSpan(at)) : url;
    }
}
