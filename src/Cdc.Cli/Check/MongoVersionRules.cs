using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
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
        if (!MongoRelease.TryParse(version, out var release))
        {
            return CheckResult.Warn(CheckAreas.MongoDb, Name, $"the server reports version '{version}', which is not major.minor[.patch]",
                "make sure the server is MongoDB 4.2 or later (6.0 or later for pre-images and expanded events)");
        }

        var found = $"MongoDB {version}";
        if (!release.AtLeast(3, 6))
        {
            return CheckResult.Fail(CheckAreas.MongoDb, Name, $"{found} has no change streams", "upgrade to MongoDB 4.2 or later");
        }

        if (options.Scope != WatchScope.Collection && !release.AtLeast(4, 0))
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
        if (needsSix is not null && !release.AtLeast(6, 0))
        {
            return CheckResult.Fail(CheckAreas.MongoDb, Name, $"{found} does not support {needsSix} (needs 6.0)",
                "upgrade to MongoDB 6.0 or later, or remove that setting");
        }

        if (options.OnInvalidate == InvalidateAction.Reopen && options.Scope != WatchScope.Cluster && !release.AtLeast(4, 2))
        {
            return CheckResult.Warn(CheckAreas.MongoDb, Name, $"{found} cannot reopen a stream after an invalidate (startAfter needs 4.2)",
                "upgrade to MongoDB 4.2 or later, or set mongodb.onInvalidate=stop");
        }

        return CheckResult.Pass(CheckAreas.MongoDb, Name, found);
    }
}
