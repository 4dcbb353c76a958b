using Cdc.Connector.Configuration;

namespace Cdc.Cli.Check;

/// <summary>
/// The last line of defence for `cdc check` output: every secret value of the configuration, as
/// <see cref="SecretCatalogue.Values"/> lists them, is replaced by <c>***</c> in whatever a check reports, even when a
/// library's error message quoted it.
/// </summary>
internal sealed class SecretScrubber
{
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

    /// <summary>Masks every value <see cref="SecretCatalogue"/> calls secret in <paramref name="options"/>.</summary>
    public static SecretScrubber From(CdcOptions options) => new(SecretCatalogue.Values(options));

    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, SecretRedactor.Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
