namespace Cdc.Connector.Source;

/// <summary>
/// One change stream per the mongodb.* options, read on one thread. Errors the driver did not resume by itself throw
/// <see cref="MongoDb.MongoFailureException"/>, whose kind says what they mean; cancellation throws
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal interface IChangeStreamSource : IDisposable
{
    /// <summary>
    /// Opens (or reopens, closing any previous stream) at <paramref name="start"/>. For <see cref="StartKind.Now"/> it
    /// captures the server's operation time first and opens with startAtOperationTime one increment after it (the
    /// time is inclusive and belongs to the last write before the open), and returns the time it opened at so the
    /// caller can commit it at once; otherwise returns null.
    /// </summary>
    ResumePosition? Open(StartPosition start, CancellationToken cancellationToken);

    /// <summary>
    /// The next event, as a span valid until the next call; or <see cref="ChangeStreamRead.BatchEnd"/> after each batch
    /// the server sent (empty or not), when <see cref="PostBatchResumeToken"/> is current; or
    /// <see cref="ChangeStreamRead.Closed"/> once the server closed the stream after an invalidate event.
    /// </summary>
    ChangeStreamRead Read(out ReadOnlySpan<byte> changeEvent, CancellationToken cancellationToken);

    /// <summary>After <see cref="ChangeStreamRead.BatchEnd"/>: the postBatchResumeToken (BSON), valid until the next call; may be empty.</summary>
    ReadOnlySpan<byte> PostBatchResumeToken { get; }
}
