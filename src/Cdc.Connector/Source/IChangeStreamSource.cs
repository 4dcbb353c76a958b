using Cdc.Connector.Checkpoint;

namespace Cdc.Connector.Source;

/// <summary>
/// One change stream per the mongodb.* options, read on one thread. Errors that libmongoc did not resume by itself throw
/// <see cref="Interop.Mongoc.MongoException"/>; <see cref="SourceFailureClassifier"/> says what they mean.
/// </summary>
internal interface IChangeStreamSource : IDisposable
{
    /// <summary>
    /// Opens (or reopens, closing any previous stream) at <paramref name="start"/>. For <see cref="StartKind.Now"/> it
    /// captures the server's operation time first and opens with startAtOperationTime one increment after it (the
    /// time is inclusive and belongs to the last write before the open), and returns the time it opened at so the
    /// caller can commit it at once; otherwise returns null.
    /// </summary>
    ResumePosition? Open(StartPosition start);

    /// <summary>The next event, as a span valid until the next call (see <see cref="ChangeStreamRead"/>).</summary>
    ChangeStreamRead Read(out ReadOnlySpan<byte> changeEvent);

    /// <summary>After <see cref="ChangeStreamRead.BatchEnd"/>: the postBatchResumeToken (BSON), valid until the next call; may be empty.</summary>
    ReadOnlySpan<byte> PostBatchResumeToken { get; }
}
