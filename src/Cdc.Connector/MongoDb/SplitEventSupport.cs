using System.Globalization;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// Which servers have <c>$changeStreamSplitLargeEvent</c>: MongoDB 7.0 and later, and the 6.0 line from 6.0.9 (the stage
/// was backported there; the 6.1–6.3 rapid releases came before it and lack it). Decided on buildInfo's version, since
/// 6.0.9 and 6.0.8 share one wire version.
/// </summary>
internal static class SplitEventSupport
{
    /// <summary>True when a server reporting <paramref name="version"/> (e.g. "7.0.2", "6.0.9-ent") accepts the stage.</summary>
    public static bool Supports(string? version)
    {
        if (!TryParse(version, out var major, out var minor, out var patch))
        {
            return false;
        }

        return major > 6 || (major == 6 && minor == 0 && patch >= 9);
    }

    private static bool TryParse(string? version, out int major, out int minor, out int patch)
    {
        major = minor = patch = 0;
        if (string.IsNullOrEmpty(version))
        {
            return false;
        }

        // "7.0.2", "6.0.9-cdc-sandbox", "8.0.0-rc1": three leading numbers; a suffix after any of them is ignored.
        var parts = version.Split('.', 3);
        return parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor)
            && int.TryParse(LeadingDigits(parts[2]), NumberStyles.None, CultureInfo.InvariantCulture, out patch);
    }

    private static string LeadingDigits(string text)
    {
        var length = 0;
        while (length < text.Length && char.IsAsciiDigit(text[length]))
        {
            length++;
        }

        return text[..length];
    }
}
