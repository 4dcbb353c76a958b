using Cdc.Connector.Configuration;

namespace Cdc.Connector.Check;

/// <summary>
/// The last line of defence for `cdc check` output: every secret value of the configuration (the password of
/// mongodb.uri, raw and percent-decoded; the password of schemaRegistry.basicAuth and of credentials in
/// schemaRegistry.url, schemaRegistry.bearerToken and oauthClientSecret; kafka.producer values of password, secret and key properties) is replaced by <c>***</c> in
/// whatever a check reports, even when a library's error message quoted it.
/// </summary>
internal sealed class SecretScrubber
{
    private const string Mask = "***";
    private readonly List<string> _secrets = [];

    public SecretScrubber(IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && !_secrets.Contains(secret))
            {
                _secrets.Add(secret);
            }
        }

        // Longest first: a secret containing another must be masked whole.
        _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
    }

    public static SecretScrubber From(CdcOptions options)
    {
        var secrets = new List<string>();
        if (options.MongoDb.Uri is { } uri)
        {
            AddUriPassword(uri, secrets);
        }

        if (options.SchemaRegistry.BasicAuth is { } basicAuth)
        {
            AddAfterColon(basicAuth, secrets);
        }

        secrets.Add(options.SchemaRegistry.BearerToken ?? string.Empty);
        secrets.Add(options.SchemaRegistry.OAuthClientSecret ?? string.Empty);
        if (options.SchemaRegistry.Url is { } urls)
        {
            foreach (var url in urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                AddUriPassword(url, secrets);
            }
        }

        foreach (var (property, value) in options.Kafka.Producer)
        {
            if (IsSecretProperty(property))
            {
                secrets.Add(value);
            }
        }

        return new SecretScrubber(secrets);
    }

    /// <summary>librdkafka properties that hold credentials or private keys.</summary>
    public static bool IsSecretProperty(string property) =>
        property.Contains("password", StringComparison.OrdinalIgnoreCase)
        || property.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || property.Equals("sasl.oauthbearer.config", StringComparison.Ordinal)
        || property.Equals("ssl.key.pem", StringComparison.Ordinal)
        || property.Equals("ssl_key", StringComparison.Ordinal);

    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The password of <c>scheme://user:password@host…</c> (the user info ends at the last '@' before the path).</summary>
    private static void AddUriPassword(string uri, List<string> secrets)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = scheme < 0 ? 0 : scheme + 3;
        var pathStart = uri.IndexOf('/', authorityStart);
        var authorityEnd = pathStart < 0 ? uri.Length : pathStart;
        if (authorityEnd <= authorityStart)
        {
            return;
        }

        var at = uri.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (at >= 0)
        {
            AddAfterColon(uri[authorityStart..at], secrets);
        }
    }

    private static void AddAfterColon(string credentials, List<string> secrets)
    {
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon == credentials.Length - 1)
        {
            return;
        }

        var password = credentials[(colon + 1)..];
        secrets.Add(password);
        try
        {
            secrets.Add(Uri.UnescapeDataString(password));
        }
        catch (UriFormatException)
        {
            // Not percent-encoded text: the raw form is masked already.
        }
    }
}
