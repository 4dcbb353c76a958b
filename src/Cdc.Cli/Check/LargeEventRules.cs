using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using MongoDB.Driver;

namespace Cdc.Cli.Check;

/// <summary>
/// What becomes of a change event over 16 MB with this server and configuration (docs/large-events.md): split and
/// reassembled, or a stop. Only a warning when the stream asks for whole documents (images or updateLookup), the case
/// where events outgrow their documents, and the server cannot split them.
/// </summary>
internal static class LargeEventRules
{
    public const string Name = "events over 16 MB";

    public static CheckResult Evaluate(string? version, MongoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ChangeStreamPipeline.EndsWithSplitStage(options))
        {
            return CheckResult.Pass(CheckAreas.MongoDb, Name, "split by the server (mongodb.pipeline ends with $changeStreamSplitLargeEvent) and reassembled");
        }

        var carriesDocuments = options.FullDocument != ChangeStreamFullDocumentOption.Default
            || options.FullDocumentBeforeChange != ChangeStreamFullDocumentBeforeChangeOption.Default;
        if (options.SplitLargeEvents == SplitLargeEventsMode.Off)
        {
            return CheckResult.Pass(CheckAreas.MongoDb, Name, "mongodb.splitLargeEvents=off: such an event stops the connector (BSONObjectTooLarge)");
        }

        if (SplitEventSupport.Supports(version))
        {
            return CheckResult.Pass(CheckAreas.MongoDb, Name, $"split by MongoDB {version} ($changeStreamSplitLargeEvent) and reassembled");
        }

        var found = version is null ? "this server (no version reported)" : $"MongoDB {version}";
        var detail = $"{found} cannot split them ($changeStreamSplitLargeEvent needs 7.0 or later, or 6.0.9 or a later 6.0): such an event stops the connector";
        return carriesDocuments
            ? CheckResult.Warn(
                CheckAreas.MongoDb,
                Name,
                detail + " (the stream asks for whole documents, so an event can be larger than its document)",
                "upgrade MongoDB to 7.0 or later (or 6.0.9 or a later 6.0), or keep events under 16 MB: leave out the images the consumers do not need, or drop large fields with $project or $unset in mongodb.pipeline")
            : CheckResult.Pass(CheckAreas.MongoDb, Name, detail + "; the stream asks for no whole documents, so events stay about as large as the changes");
    }
}
