using Cdc.Connector.Configuration;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Source;

/// <summary>
/// The options document of <c>mongoc_*_watch</c> for one open: the start (resumeAfter / startAfter /
/// startAtOperationTime) and the mongodb.* stream options. Defaults the server applies anyway are omitted
/// (fullDocument default, fullDocumentBeforeChange off, batchSize 0), so an older server never sees a value it lacks.
/// mongodb.showExpandedEvents is refused by <see cref="ChangeStreamSource"/>: libmongoc 1.23 cannot pass it.
/// </summary>
internal static class ChangeStreamWatchOptions
{
    public static byte[] Build(MongoDbOptions options, StartKind kind, ReadOnlySpan<byte> token, BsonTimestamp? operationTime)
    {
        ArgumentNullException.ThrowIfNull(options);
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        switch (kind)
        {
            case StartKind.ResumeAfter:
                writer.WriteRawValue("resumeAfter", BsonType.Document, RequireToken(token, kind));
                break;
            case StartKind.StartAfter:
                writer.WriteRawValue("startAfter", BsonType.Document, RequireToken(token, kind));
                break;
            case StartKind.AtOperationTime:
            case StartKind.Now:
                writer.WriteTimestamp("startAtOperationTime", operationTime ?? throw new ArgumentException($"A {kind} start needs an operation time.", nameof(operationTime)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown start kind.");
        }

        if (options.FullDocument != "default")
        {
            writer.WriteString("fullDocument", options.FullDocument);
        }

        if (options.FullDocumentBeforeChange != "off")
        {
            writer.WriteString("fullDocumentBeforeChange", options.FullDocumentBeforeChange);
        }

        if (options.BatchSize > 0)
        {
            writer.WriteInt32("batchSize", options.BatchSize);
        }

        writer.WriteInt64("maxAwaitTimeMS", options.MaxAwaitTimeMs);
        writer.WriteEndDocument();
        return writer.ToArray();
    }

    private static ReadOnlySpan<byte> RequireToken(ReadOnlySpan<byte> token, StartKind kind) =>
        token.Length >= 5 ? token : throw new ArgumentException($"A {kind} start needs a resume token document.", nameof(token));
}
