using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>
/// An awaitable cursor over the oplog: each batch holds the events after the previous one that are in scope and pass
/// the pipeline, waits up to maxAwait when there are none, and ends with a post-batch resume token (the last event's
/// token when the batch stopped at batchSize, else a high-water mark at the end of what was scanned). A drop or rename
/// of the watched collection (dropDatabase for a database stream) is followed by an invalidate, which ends the cursor.
/// An event over 16 MB fails the stream, or with $changeStreamSplitLargeEvent goes out as fragments, which may span
/// batches.
/// </summary>
internal sealed class ChangeStreamCursor : IServerCursor
{
    private const int ScanChunk = 1024;
    private const int MaxBatchBytes = 16 * 1024 * 1024;

    private readonly ChangeStreamSpec _spec;
    private readonly Oplog _oplog;
    private readonly ClusterClock _clock;
    private readonly ChangeEventBuilder _builder;
    private readonly ChangeStreamPipeline _pipeline;
    private readonly List<OplogEntry> _scanned = new(ScanChunk);
    private readonly Queue<(byte[] Bson, ResumeToken Token)> _ready = new();
    private int _skipFragments;
    private long _next;
    private OplogEntry? _pendingInvalidate;
    private ResumeToken? _lastToken;
    private BsonTimestamp _scanStartedAt;

    public ChangeStreamCursor(long id, ChangeStreamSpec spec, Catalog catalog, ChangeStreamPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(catalog);
        Id = id;
        _spec = spec;
        _oplog = catalog.Oplog;
        _clock = catalog.Clock;
        _pipeline = pipeline;
        _builder = new ChangeEventBuilder(spec, catalog, decodeImages: !pipeline.IsEmpty);
        _next = spec.StartSequence;
        _skipFragments = spec.ResumeFragment;
        if (_skipFragments > 0 && !pipeline.SplitsLargeEvents)
        {
            // Fragment tokens exist only in split streams: a stream without the stage never reaches that point.
            throw new CommandException(
                ErrorCodes.ChangeStreamFatalError,
                $"cannot resume stream; the resume token was not found: a token of fragment {_skipFragments} of a split event needs a pipeline that ends with $changeStreamSplitLargeEvent");
        }
    }

    public long Id { get; }

    public string Namespace => _spec.CursorNamespace;

    public bool IsExhausted { get; private set; }

    public async ValueTask<CursorBatch> NextBatchAsync(int batchSize, TimeSpan maxAwait, CancellationToken cancellationToken)
    {
        var documents = new List<byte[]>(Math.Min(batchSize, ScanChunk));
        var deadline = DateTime.UtcNow + maxAwait;
        while (true)
        {
            // Read before scanning: whatever the scan misses is written later, under a later cluster time.
            _scanStartedAt = _clock.WallFloor;
            var full = Fill(documents, batchSize);
            if (documents.Count > 0 || IsExhausted || full)
            {
                return new CursorBatch(documents, PostBatchToken(full).ToDocument());
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || !await _oplog.WaitForEntryAsync(_next, remaining, cancellationToken).ConfigureAwait(false))
            {
                return new CursorBatch(documents, PostBatchToken(false).ToDocument());
            }
        }
    }

    /// <summary>Adds events until the batch is full (true) or the oplog's end is reached (false).</summary>
    private bool Fill(List<byte[]> documents, int batchSize)
    {
        long bytes = 0;
        while (true)
        {
            // Events ready to go first: the rest of a split event, or one that did not fit the previous batch. Like a
            // server's, a batch stops before a document that would take it past 16 MiB (one document always goes).
            while (_ready.TryPeek(out var ready))
            {
                if (documents.Count >= batchSize || (documents.Count > 0 && bytes + ready.Bson.Length > MaxBatchBytes))
                {
                    return true;
                }

                _ready.Dequeue();
                documents.Add(ready.Bson);
                bytes += ready.Bson.Length;
                _lastToken = ready.Token;
            }

            if (IsExhausted)
            {
                return false;
            }

            if (documents.Count >= batchSize || bytes >= MaxBatchBytes)
            {
                return true;
            }

            if (_pendingInvalidate is { } cause)
            {
                // The invalidate goes through the later stages too (a $match may drop it); the cursor ends either way.
                var invalidate = ChangeEventBuilder.Invalidate(cause);
                if ((_pipeline.IsEmpty ? invalidate : _pipeline.Apply(invalidate)) is { } output)
                {
                    documents.Add(DocCodec.Write(output));
                }

                _lastToken = ChangeEventBuilder.InvalidateTokenOf(cause);
                IsExhausted = true;
                return false;
            }

            _scanned.Clear();
            int count;
            try
            {
                count = _oplog.Read(_next, _scanned, Math.Min(ScanChunk, batchSize - documents.Count));
            }
            catch (OplogHistoryLostException lost)
            {
                throw new CommandException(
                    ErrorCodes.ChangeStreamHistoryLost,
                    $"Resume of change stream was not possible, as the resume point may no longer be in the oplog: {lost.Message}");
            }

            if (count == 0)
            {
                return false;
            }

            foreach (var entry in _scanned)
            {
                _next = entry.Sequence + 1;
                if (!InScope(entry))
                {
                    continue;
                }

                var change = _builder.Build(entry);
                if (change is not null && (_pipeline.IsEmpty ? change : _pipeline.Apply(change)) is { } output)
                {
                    MakeReady(entry, DocCodec.Write(output));
                }

                if (Invalidates(entry))
                {
                    _pendingInvalidate = entry;
                    break;
                }

                if (documents.Count + _ready.Count >= batchSize)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Queues an encoded event for delivery: whole when it fits, as fragments when the pipeline ends with
    /// $changeStreamSplitLargeEvent, else the stream fails as a server's does (BSONObjectTooLarge). After resuming from a
    /// fragment's token, that event's fragments up to the token's are not delivered again.
    /// </summary>
    private void MakeReady(OplogEntry entry, byte[] bson)
    {
        var token = ChangeEventBuilder.TokenOf(entry);
        var skip = 0;
        if (_skipFragments > 0 && entry.Sequence == _spec.StartSequence)
        {
            skip = _skipFragments;
            _skipFragments = 0;
        }

        if (!_pipeline.SplitsLargeEvents || !ChangeEventSplitter.NeedsSplit(bson))
        {
            if (skip > 0)
            {
                throw DifferentSplit();
            }

            ChangeEventSplitter.EnsureDeliverable(bson, token);
            _ready.Enqueue((bson, token));
            return;
        }

        var fragments = ChangeEventSplitter.Split(bson, token);
        if (skip > 0 && fragments.Count != _spec.ResumeFragmentCount)
        {
            throw DifferentSplit();
        }

        // Resuming from the last fragment skips them all: the stream goes on with the next event, as the manual says.
        for (var i = skip; i < fragments.Count; i++)
        {
            _ready.Enqueue((fragments[i], token.ForFragment(i + 1, fragments.Count)));
        }
    }

    private static CommandException DifferentSplit() => new(
        ErrorCodes.ChangeStreamFatalError,
        "Attempted to resume from a split event, but the resumed stream produced a different split. Ensure that the pipeline used to resume is the same as the original");

    private ResumeToken PostBatchToken(bool stoppedAtBatchSize)
    {
        if ((stoppedAtBatchSize || IsExhausted || _pendingInvalidate is not null) && _lastToken is { } last)
        {
            return last;
        }

        // Everything before _next was scanned: a high-water mark there resumes right after it.
        var clusterTime = _lastToken?.ClusterTime ?? default;
        if (_next > 0 && _next > _oplog.FirstRetainedSequence)
        {
            _scanned.Clear();
            try
            {
                if (_oplog.Read(_next - 1, _scanned, 1) == 1)
                {
                    clusterTime = _scanned[0].ClusterTime;
                }
            }
            catch (OplogHistoryLostException)
            {
                // Evicted since the check: the next read reports the lost history; this token keeps the last known time.
            }
        }

        // Like a server whose idle oplog still advances (its periodic no-op writes), the mark carries the time the scan
        // began when that is later than the last entry: an idle stream's token keeps moving with the clock.
        if ((_scanStartedAt.Seconds, _scanStartedAt.Increment).CompareTo((clusterTime.Seconds, clusterTime.Increment)) > 0)
        {
            clusterTime = _scanStartedAt;
        }

        return new ResumeToken(clusterTime, _next, ResumeTokenKind.HighWaterMark);
    }

    private bool InScope(OplogEntry entry)
    {
        switch (_spec.Scope)
        {
            case ChangeStreamScope.Collection:
                return entry.Database == _spec.Database && entry.Collection == _spec.Collection;
            case ChangeStreamScope.Database:
                return entry.Database == _spec.Database && !IsSystemCollection(entry.Collection);
            default:
                return entry.Database is not ("admin" or "config" or "local") && !IsSystemCollection(entry.Collection);
        }
    }

    private static bool IsSystemCollection(string? collection) => collection is not null && collection.StartsWith("system.", StringComparison.Ordinal);

    private bool Invalidates(OplogEntry entry) => _spec.Scope switch
    {
        ChangeStreamScope.Collection => entry.Operation is OplogOperation.Drop or OplogOperation.Rename,
        ChangeStreamScope.Database => entry.Operation == OplogOperation.DropDatabase,
        _ => false,
    };
}
