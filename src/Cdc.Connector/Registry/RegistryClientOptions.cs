using Cdc.Connector.Configuration;

namespace Cdc.Connector.Registry;

/// <summary>Where the Schema Registry is and how to reach it; validated by <see cref="RegistryClient.Create"/>.</summary>
internal sealed class RegistryClientOptions
{
    /// <summary>One or more base URLs (http or https) of the same registry cluster, tried in order on failure.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>"user:password" for HTTP basic authentication, or null. Credentials in the URLs are used when this is null.</summary>
    public string? BasicAuth { get; init; }

    /// <summary>A static bearer token, or null.</summary>
    public string? BearerToken { get; init; }

    /// <summary>The OAuth client-credentials grant that issues bearer tokens, or null.</summary>
    public RegistryOAuthOptions? OAuth { get; init; }

    /// <summary>PEM file of the CA certificate(s) an https registry's certificate must chain to, instead of the system's roots.</summary>
    public string? TlsCAFile { get; init; }

    /// <summary>PEM file with the client certificate (and any intermediates) and its unencrypted private key, for mutual TLS.</summary>
    public string? TlsCertificateKeyFile { get; init; }

    /// <summary>The limit for one HTTP request to one URL; on expiry the next URL is tried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The options of the connector's configuration (schemaRegistry.*).</summary>
    public static RegistryClientOptions From(SchemaRegistrySettings settings, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RegistryOAuthOptions? oauth = null;
        if (settings.OAuthTokenEndpointUrl is { } endpoint && settings.OAuthClientId is { } clientId && settings.OAuthClientSecret is { } clientSecret)
        {
            oauth = new RegistryOAuthOptions(endpoint, clientId, clientSecret, settings.OAuthScope);
        }

        return new RegistryClientOptions
        {
            Urls = (settings.Url ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            BasicAuth = string.IsNullOrEmpty(settings.BasicAuth) ? null : settings.BasicAuth,
            BearerToken = string.IsNullOrEmpty(settings.BearerToken) ? null : settings.BearerToken,
            OAuth = oauth,
            TlsCAFile = settings.TlsCAFile,
            TlsCertificateKeyFile = settings.TlsCertificateKeyFile,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
        };
    }
}
