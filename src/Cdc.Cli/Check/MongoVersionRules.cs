using System.Globalization;
using Cdc.Connector.Configuration;
using MongoDB.Driver;

namespace Cdc.Cli.Check;

/// <summary>
/// Whether the server's version (buildInfo) can serve the configured stream: change streams came with 3.6, database
/// and cluster scopes with 4.0, <c>startAfter</c> (reopening after an invalidate) with 4.2, and pre-images,
/// <c>fullDocument</c> whenAvailable/required and <c>showExpandedEvents</c> with 6.0.
/// </summary>
internal static class MongoVersionRules
{
    public const string Name = "server version";

    public static CheckResult Evaluate(string version, MongoDbOptions options)
    {
        if (!TryParse(version, out var major, out var minor))
        {
            return CheckResult.Warn(CheckAreas.MongoDb, Name, $"the server reports version '{version}', which is not major.minor[.patch]",
                "make sure the server is MongoDB 4.2 or later (6.0 or later for pre-images and expanded events)");
        }

        var found = $"MongoDB {version}";
        if (!AtLeast(major, minor, 3, 6))
        {
            return CheckResult.Fail(CheckAreas.MongoDb, Name, $"{found} has no change streams", "upgrade to MongoDB 4.2 or later");
        }

        if (options.Scope != WatchScope.Collection && !AtLeast(major, minor, 4, 0))
        {
            return CheckResult.Fail(CheckAreas.MongoDb, Name, $"{found} cannot watch a whole {ConfigurationSchema.WordOf(options.Scope)} (needs 4.0)",
                "upgrade to MongoDB 4.2 or later, or set mongodb.scope=collection");
        }

        var needsSix = options.FullDocumentBeforeChange != ChangeStreamFullDocumentBeforeChangeOption.Default
            ? $"mongodb.fullDocumentBeforeChange={ConfigurationSchema.WordOf(options.FullDocumentBeforeChange)}"
            : options.FullDocument is ChangeStreamFullDocumentOption.WhenAvailable or ChangeStreamFullDocumentOption.Required
                ? $"mongodb.fullDocument={ConfigurationSchema.WordOf(options.FullDocument)}"
            : options.ShowExpandedEvents ? "mongodb.showExpandedEvents=true"
            : null;
        if (needsSix is not null && !AtLeast(major, minor, 6, 0))
        {
            return CheckResult.Fail(CheckAreas.MongoDb, Name, $"{found} does not support {needsSix} (needs 6.0)",
                "upgrade to MongoDB 6.0 or later, or remove that setting");
        }

        if (options.OnInvalidate == InvalidateAction.Reopen && options.Scope != WatchScope.Cluster && !AtLeast(major, minor, 4, 2))
        {
            return CheckResult.Warn(CheckAreas.MongoDb, Name, $"{found} cannot reopen a stream after an invalidate (startAfter needs 4.2)",
                "upgrade to MongoDB 4.2 or later, or set mongodb.onInvalidate=stop");
        }

        return CheckResult.Pass(CheckAreas.MongoDb, Name, found);
    }

    private static bool AtLeast(int major, int minor, int wantedMajor, int wantedMinor) =>
        major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);

    private static bool TryParse(string version, out int major, out int minor)
    {
        major = minor = 0;
        var parts = version.Split('.', 3);
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out major)
            && int.TryParse(LeadingDigits(parts[1]), NumberStyles.None, CultureInfo.InvariantCulture, out minor);
    }

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
