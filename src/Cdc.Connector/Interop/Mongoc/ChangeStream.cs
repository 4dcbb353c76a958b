namespace Cdc.Connector.Interop.Mongoc;

/// <summary>
/// An open <c>mongoc_change_stream_t</c>. libmongoc resumes resumable errors by itself; what reaches here is final.
/// STUB (contract): the interop helper implements it; keep every member's signature.
/// </summary>
internal sealed class ChangeStream : IDisposable
{
    private ChangeStream()
    {
    }

    /// <summary>
    /// The next event as a span over libmongoc's memory, valid until the next call on this stream (copy what must
    /// outlive it). False when the current batch is exhausted with no event (then <see cref="ResumeToken"/> is the
    /// postBatchResumeToken) or the cursor is closed (<see cref="IsClosed"/>). An error throws <see cref="MongoException"/>.
    /// </summary>
    public bool TryNext(out ReadOnlySpan<byte> changeEvent) => throw new NotImplementedException();

    /// <summary>libmongoc's current resume token (after an empty batch: the postBatchResumeToken), as a span valid until
    /// the next call; empty before the first batch.</summary>
    public ReadOnlySpan<byte> ResumeToken => throw new NotImplementedException();

    /// <summary>The server closed the cursor (after an invalidate event): no further event will come.</summary>
    public bool IsClosed => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
