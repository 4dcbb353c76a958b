namespace Cdc.Connector.Configuration;

/// <summary>
/// How to show a configuration or a message without its secrets (which values are secret is
/// <see cref="SecretCatalogue"/>'s to say): the effective configuration with every secret masked, and free text with
/// the password and credential options of every MongoDB URI in it masked. Code that logs or prints configuration goes through here.
/// </summary>
internal static class SecretRedactor
{
    public const string Mask = "***";

    private static readonly string[] UriSchemes = ["mongodb://", "mongodb+srv://"];

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
