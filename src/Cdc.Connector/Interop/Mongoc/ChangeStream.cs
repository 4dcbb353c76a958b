using Cdc.Schemas.Bson;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>
/// An open <c>mongoc_change_stream_t</c>. libmongoc resumes resumable errors by itself; what reaches here is final.
/// </summary>
/// <remarks>
/// libmongoc 1.23 has no "cursor closed" query. Seen against the emulator: after the invalidate event,
/// <c>mongoc_change_stream_next</c> returns false without an error (the cursor id is now 0), exactly like an empty
/// batch; a further call treats the dead cursor as resumable and re-runs the aggregate with <c>resumeAfter</c> the
/// invalidate token, which the server refuses with 260 InvalidResumeToken. So the stream counts as closed once it has
/// handed out an invalidate and then had nothing more, and libmongoc is not called again.
/// Also seen: a getMore that keeps failing with a resumable error while the re-run aggregate succeeds makes one
/// <c>mongoc_change_stream_next</c> call resume again and again (once per error, not once per call) and not return
/// until the fault clears; the caller cannot interrupt it from here.
/// </remarks>
internal sealed unsafe class ChangeStream : IDisposable
{
    private readonly MongocChangeStreamHandle _handle;
    private readonly string _description;
    private bool _invalidated;
    private bool _closed;

    private ChangeStream(MongocChangeStreamHandle handle, string description)
    {
        _handle = handle;
        _description = description;
    }

    /// <summary>
    /// The next event as a span over libmongoc's memory, valid until the next call on this stream (copy what must
    /// outlive it). False when the current batch is exhausted with no event (then <see cref="ResumeToken"/> is the
    /// postBatchResumeToken) or the cursor is closed (<see cref="IsClosed"/>). An error throws <see cref="MongoException"/>.
    /// </summary>
    public bool TryNext(out ReadOnlySpan<byte> changeEvent)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        nint document = 0;
        if (!_closed && LibMongoc.mongoc_change_stream_next(_handle, &document))
        {
            changeEvent = LibMongoc.View(document);
            _invalidated = IsInvalidate(changeEvent);
            return true;
        }

        changeEvent = default;
        ThrowIfFailed(_handle, _description);
        _closed = _invalidated;
        return false;
    }

    /// <summary>libmongoc's current resume token (after an empty batch: the postBatchResumeToken), as a span valid until
    /// the next call; empty before the first batch.</summary>
    public ReadOnlySpan<byte> ResumeToken
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return LibMongoc.View(LibMongoc.mongoc_change_stream_get_resume_token(_handle));
        }
    }

    /// <summary>The server closed the cursor (after an invalidate event): no further event will come.</summary>
    public bool IsClosed => _closed;

    public void Dispose() => _handle.Dispose();

    /// <summary>Wraps a new stream; libmongoc runs the aggregate when creating it, so an opening error shows at once.</summary>
    internal static ChangeStream Open(MongocChangeStreamHandle handle, string description)
    {
        try
        {
            ThrowIfFailed(handle, description);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new ChangeStream(handle, description);
    }

    private static void ThrowIfFailed(MongocChangeStreamHandle handle, string description)
    {
        BsonError error;
        nint reply = 0;
        if (LibMongoc.mongoc_change_stream_error_document(handle, &error, &reply))
        {
            throw MongoErrors.Create(description, error, LibMongoc.View(reply));
        }
    }

    /// <summary>operationType follows _id in every event MongoDB sends, so this reads two elements.</summary>
    private static bool IsInvalidate(ReadOnlySpan<byte> changeEvent)
    {
        var reader = new BsonReader(changeEvent);
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("operationType"u8))
            {
                return reader.Current.Type == BsonType.String && reader.Current.GetStringUtf8().SequenceEqual("invalidate"u8);
            }
        }

        return false;
    }
}
