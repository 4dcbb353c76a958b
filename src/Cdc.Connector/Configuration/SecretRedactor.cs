namespace Cdc.Connector.Configuration;

/// <summary>
/// The one place that knows which configuration values are secret and how to show a configuration or a message
/// without them: the password and credential options of mongodb.uri, schemaRegistry.basicAuth, bearerToken and
/// oauthClientSecret, and the librdkafka properties that carry credentials. Code that logs or prints configuration goes through here.
/// </summary>
internal static class SecretRedactor
{
    public const string Mask = "***";

    // librdkafka's own sensitive properties (the _RK_SENSITIVE flag of rdkafka_conf.c, which its configuration dump
    // redacts), plus sasl.oauthbearer.client.secret, which 1.9 does not flag but is a client secret.
    private static readonly HashSet<string> SecretProducerProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "sasl.username",
        "sasl.password",
        "sasl.oauthbearer.config",
        "sasl.oauthbearer.client.secret",
        "ssl.key.location",
        "ssl.key.password",
        "ssl.key.pem",
        "ssl.keystore.password",
        "ssl.ca.pem",
    };

    private static readonly string[] UriSchemes = ["mongodb://", "mongodb+srv://"];

    /// <summary>True for a kafka.producer property whose value must never be shown. Names containing "password",
    /// "secret" or "token" count too, so a property added in a later librdkafka is hidden before anyone lists it.</summary>
    public static bool IsSecretProducerProperty(string property) =>
        SecretProducerProperties.Contains(property)
        || property.Contains("password", StringComparison.OrdinalIgnoreCase)
        || property.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || property.Contains("token", StringComparison.OrdinalIgnoreCase);

    /// <summary>Free text (a driver's log line, an exception message) with every MongoDB URI in it redacted.</summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("mongodb", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        var position = 0;
        while (NextUri(text, position) is var start and >= 0)
        {
            var end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '\'' or '<' or '>' or '`'))
            {
                end++;
            }

            result.Append(text, position, start - position).Append(MongoUriRedactor.Redact(text[start..end]));
            position = end;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>The effective configuration as indented JSON, every secret replaced (see <see cref="EffectiveConfiguration"/>).</summary>
    public static string Describe(CdcOptions options) => EffectiveConfiguration.ToJson(options);

    private static int NextUri(string text, int from)
    {
        var next = -1;
        foreach (var scheme in UriSchemes)
        {
            var index = text.IndexOf(scheme, from, StringComparison.OrdinalIgnoreCase);
            if (index >= 0 && (next < 0 || index < next))
            {
                next = index;
            }
        }

        return next;
    }
}
