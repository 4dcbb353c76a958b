using System.Globalization;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// A MongoDB release as buildInfo's version string names it ("7.0.2", "6.0.9-ent", "8.0.0-rc1", "4.4"): major, minor
/// and patch (0 when absent), each the leading digits of its part, so suffixes are ignored.
/// </summary>
internal readonly record struct MongoRelease(int Major, int Minor, int Patch)
{
    /// <summary>Reads <paramref name="text"/>; false when it does not start with major.minor.</summary>
    public static bool TryParse(string? text, out MongoRelease version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('.', 3);
        var patch = 0;
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(LeadingDigits(parts[1]), NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || (parts.Length == 3 && !int.TryParse(LeadingDigits(parts[2]), NumberStyles.None, CultureInfo.InvariantCulture, out patch)))
        {
            return false;
        }

        version = new MongoRelease(major, minor, patch);
        return true;
    }

    /// <summary>Whether this release is <paramref name="major"/>.<paramref name="minor"/>.<paramref name="patch"/> or later.</summary>
    public bool AtLeast(int major, int minor, int patch = 0) =>
        Major != major ? Major > major
        : Minor != minor ? Minor > minor
        : Patch >= patch;

    private static string LeadingDigits(string text)
    {
        var end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return text[..end];
    }
}
