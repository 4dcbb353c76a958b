using Cdc.Connector.Configuration;
using Cdc.Connector.Configuration.Keys;
using Cdc.Connector.Source;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// The driver's <see cref="ChangeStreamOptions"/> for one open: the start (resumeAfter / startAfter /
/// startAtOperationTime) and every mongodb.* stream option. Defaults the server applies anyway are left unset
/// (fullDocument default, fullDocumentBeforeChange off, batchSize 0, maxAwaitTimeMs 0, no collation, no comment,
/// showExpandedEvents false), so an older server never sees an option it lacks.
/// </summary>
internal static class ChangeStreamOptionsFactory
{
    public static ChangeStreamOptions Build(MongoDbOptions options, StartKind kind, byte[]? token, Cdc.Schemas.Bson.BsonTimestamp? operationTime)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ChangeStreamOptions
        {
            FullDocument = options.FullDocument,
            FullDocumentBeforeChange = options.FullDocumentBeforeChange,
        };
        // 0 leaves the getMore's wait to the server (1 s); the driver refuses a zero MaxAwaitTime.
        if (options.MaxAwaitTimeMs > 0)
        {
            result.MaxAwaitTime = TimeSpan.FromMilliseconds(options.MaxAwaitTimeMs);
        }

        if (options.BatchSize > 0)
        {
            result.BatchSize = options.BatchSize;
        }

        if (options.ShowExpandedEvents)
        {
            result.ShowExpandedEvents = true;
        }

        if (options.Collation is { } collation)
        {
            result.Collation = CollationKey.ToCollation(collation);
        }

        if (!string.IsNullOrEmpty(options.Comment))
        {
            result.Comment = options.Comment;
        }

        switch (kind)
        {
            case StartKind.ResumeAfter:
                result.ResumeAfter = Document(token, kind);
                break;
            case StartKind.StartAfter:
                result.StartAfter = Document(token, kind);
                break;
            case StartKind.AtOperationTime:
            case StartKind.Now:
                var time = operationTime ?? throw new ArgumentException($"A {kind} start needs an operation time.", nameof(operationTime));
                result.StartAtOperationTime = new MongoDB.Bson.BsonTimestamp(((long)time.Seconds << 32) | time.Increment);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown start kind.");
        }

        return result;
    }

    /// <summary>Each stage's BSON, once per open, as the driver's documents.</summary>
    public static PipelineDefinition<ChangeStreamDocument<BsonDocument>, RawBsonDocument> Pipeline(IReadOnlyList<byte[]> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var documents = stages.Select(stage => MongoDB.Bson.Serialization.BsonSerializer.Deserialize<BsonDocument>(stage));
        return new BsonDocumentStagePipelineDefinition<ChangeStreamDocument<BsonDocument>, RawBsonDocument>(
            documents, MongoDB.Bson.Serialization.Serializers.RawBsonDocumentSerializer.Instance);
    }

    private static RawBsonDocument Document(byte[]? token, StartKind kind) =>
        token is { Length: >= 5 } ? new RawBsonDocument(token) : throw new ArgumentException($"A {kind} start needs a resume token document.", nameof(token));
}
