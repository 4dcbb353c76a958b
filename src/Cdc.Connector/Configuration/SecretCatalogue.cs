namespace Cdc.Connector.Configuration;

/// <summary>
/// The one list of what in the configuration is secret, read by every output that could show it: `cdc print-config`
/// (<see cref="EffectiveConfiguration"/>), configuration problems (<see cref="ConfigurationSchema"/> marks the same
/// keys secret; a test holds the two together), librdkafka's refusals (<see cref="ProducerProperties"/>), the
/// start-up line, and `cdc check`'s output, which masks every value of <see cref="Values"/> wherever a library quoted it.
/// </summary>
internal static class SecretCatalogue
{
    /// <summary>Keys whose value no output shows (print-config says "***").</summary>
    public static IReadOnlyList<string> SecretKeys { get; } = ["schemaRegistry.basicAuth", "schemaRegistry.bearerToken", "schemaRegistry.oauthClientSecret"];

    // librdkafka's own sensitive properties (the _RK_SENSITIVE flag of rdkafka_conf.c, which its configuration dump
    // redacts), plus sasl.oauthbearer.client.secret, which 1.9 does not flag but is a client secret, and ssl_key, which
    // `cdc check` masked before this list was its list too.
    private static readonly HashSet<string> SecretProducerProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "sasl.username",
        "sasl.password",
        "sasl.oauthbearer.config",
        "sasl.oauthbearer.client.secret",
        "ssl.key.location",
        "ssl.key.password",
        "ssl.key.pem",
        "ssl_key",
        "ssl.keystore.password",
        "ssl.ca.pem",
    };

    // Secret, but an identity rather than a credential: masked wherever the configuration is shown by key, yet not
    // searched for in free text, because a user name is often a word the output itself uses ("cdc"), and replacing
    // it there would garble `cdc check`'s own sentences.
    private static readonly HashSet<string> IdentityProducerProperties = new(StringComparer.OrdinalIgnoreCase) { "sasl.username" };

    /// <summary>The librdkafka properties above by name, for tests and documentation.</summary>
    public static IReadOnlyCollection<string> KnownSecretProducerProperties => SecretProducerProperties;

    /// <summary>True for a kafka.producer property whose value must never be shown. Names containing "password",
    /// "secret" or "token" count too, so a property added in a later librdkafka is hidden before anyone lists it.</summary>
    public static bool IsSecretProducerProperty(string property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return SecretProducerProperties.Contains(property)
            || property.Contains("password", StringComparison.OrdinalIgnoreCase)
            || property.Contains("secret", StringComparison.OrdinalIgnoreCase)
            || property.Contains("token", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A secret kafka.producer property that names who connects (sasl.username) rather than proving it.</summary>
    public static bool IsIdentityProducerProperty(string property) => IdentityProducerProperties.Contains(property);

    /// <summary>
    /// Every secret value of <paramref name="options"/> as it could appear in free text (a library's error message):
    /// the passwords of mongodb.uri, schemaRegistry.url, telemetry.otlpEndpoint and schemaRegistry.basicAuth, raw and
    /// percent-decoded; bearerToken and oauthClientSecret; the values of the secret kafka.producer properties except
    /// identities.
    /// </summary>
    public static IReadOnlyList<string> Values(CdcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secrets = new List<string>();
        if (options.MongoDb.Uri is { } uri)
        {
            AddUriPassword(uri, secrets);
        }

        if (options.SchemaRegistry.Url is { } urls)
        {
            foreach (var url in urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                AddUriPassword(url, secrets);
            }
        }

        if (options.Telemetry.OtlpEndpoint is { } otlpEndpoint)
        {
            AddUriPassword(otlpEndpoint, secrets);
        }

        if (options.SchemaRegistry.BasicAuth is { } basicAuth)
        {
            AddAfterColon(basicAuth, secrets);
        }

        AddValue(options.SchemaRegistry.BearerToken, secrets);
        AddValue(options.SchemaRegistry.OAuthClientSecret, secrets);
        foreach (var (property, value) in options.Kafka.Producer)
        {
            if (IsSecretProducerProperty(property) && !IsIdentityProducerProperty(property))
            {
                AddValue(value, secrets);
            }
        }

        return secrets;
    }

    private static void AddValue(string? value, List<string> secrets)
    {
        if (!string.IsNullOrEmpty(value) && !secrets.Contains(value))
        {
            secrets.Add(value);
        }
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
        AddValue(password, secrets);
        try
        {
            AddValue(Uri.UnescapeDataString(password), secrets);
        }
        catch (UriFormatException)
        {
            // Not percent-encoded text: the raw form is masked already.
        }
    }
}
