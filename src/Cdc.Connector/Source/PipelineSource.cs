using System.Text;
using Cdc.Schemas.Bson;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Source;

/// <summary>
/// The one source the pipeline reads: the change stream's events and batch ends (heartbeats), and, while a snapshot is in
/// progress, the rows of the collections being snapshotted, each with the offset it commits (the stream position in the
/// item's token plus <see cref="Snapshot"/>). Everything runs on the reading thread.
/// </summary>
/// <remarks>
/// Snapshots follow DBLog with cluster times as watermarks, so nothing is written to the source database. At a batch end
/// (the stream is between batches), a chunk of a collection is read in <c>_id</c> order with readConcern majority, and
/// the cluster time after the read is its high watermark H. The read saw a state at or after everything the stream has
/// delivered (the stream only shows majority-committed writes) and at or before H. From then on, every change event on a
/// key of the chunk removes that key's row: the stream carries a state at least as new. The window closes when the stream
/// passes H (an event after H, or a batch whose postBatchResumeToken is after H), or when an empty batch fetched after the
/// read comes back (the stream had nothing more); the rows left are emitted there, in stream order. When the stream was
/// idle at the read and H is not after its position, nothing can fall inside the window and the rows go out at once.
/// </remarks>
internal sealed class PipelineSource : IDisposable
{
    private readonly IChangeStreamSource _stream;
    private readonly Func<ISnapshotReader>? _readerFactory;
    private readonly SnapshotRequestInbox? _requests;
    private readonly int _chunkSize;
    private readonly int _parallelism;
    private readonly SnapshotCounters _counters;
    private readonly ILogger _logger;
    private readonly List<SnapshotWindow> _open = [];
    private readonly Queue<SnapshotEmission> _closing = new();
    private readonly BsonWriter _rowWriter = new();

    private SnapshotReadAhead? _readAhead;
    private long _streamReads;

    private SnapshotEmission? _emitting;
    private int _nextRow;
    private int _emittedRows;

    private long _batches;
    private bool _eventSinceBatchEnd;
    private bool _atBatchBoundary;
    private bool _lastBatchEmpty;
    // The last batch's postBatchResumeToken, copied into a reused buffer (length 0: none usable); an array of it is made
    // only when something is emitted at that position, so a batch costs no allocation.
    private byte[] _lastBatchTokenBuffer = new byte[128];
    private int _lastBatchTokenLength;
    private byte[]? _lastBatchTokenArray;
    private BsonTimestamp _lastBatchTime;

    private ISnapshotReader? _reader;
    private byte[]? _closeAfterToken;
    private BsonTimestamp _closeAfterTime;
    private byte[] _typedId = new byte[64];

    /// <param name="stream">The change stream.</param>
    /// <param name="readerFactory">Makes the reader of existing documents when a snapshot needs one; null: never snapshot.</param>
    /// <param name="snapshot">The snapshot progress to continue (null or complete: none, until a request comes).</param>
    /// <param name="requests">`cdc snapshot` requests to fold in at batch boundaries; null: none.</param>
    /// <param name="settings">snapshot.chunkSize and snapshot.parallelism.</param>
    /// <param name="counters">The snapshot's totals for metrics.</param>
    /// <param name="logger">The pipeline's log.</param>
    public PipelineSource(
        IChangeStreamSource stream,
        Func<ISnapshotReader>? readerFactory,
        SnapshotProgress? snapshot,
        SnapshotRequestInbox? requests,
        (int ChunkSize, int Parallelism) settings,
        SnapshotCounters counters,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (chunkSize, parallelism) = settings;
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _stream = stream;
        _readerFactory = readerFactory;
        _requests = requests;
        Snapshot = snapshot;
        _chunkSize = chunkSize;
        _parallelism = parallelism;
        _counters = counters;
        _logger = logger;
        _counters.Progressed(snapshot);
    }

    /// <summary>The snapshot part of the offset of the item just read (shared and immutable; null when no snapshot was planned).</summary>
    public SnapshotProgress? Snapshot { get; private set; }

    private bool Snapshotting => _readerFactory is not null && Snapshot is { IsComplete: false };

    /// <inheritdoc cref="IChangeStreamSource.Open"/>
    public ResumePosition? Open(StartPosition start, CancellationToken cancellationToken) => _stream.Open(start, cancellationToken);

    /// <summary>
    /// The next item: a change event or snapshot row (a change event's BSON), a snapshot chunk's end or a heartbeat (a
    /// resume token), valid until the next call; or <see cref="SourceRead.Closed"/>.
    /// </summary>
    public SourceRead Read(out ReadOnlySpan<byte> item, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_emitting is not null)
            {
                return NextRow(out item);
            }

            if (_closeAfterToken is { } eventToken)
            {
                _closeAfterToken = null;
                var time = _closeAfterTime;
                Close(window => Compare(time, window.Chunk.ReadTime) > 0, eventToken, time);
            }

            if (_closing.TryDequeue(out var emission))
            {
                _emitting = emission;
                _nextRow = 0;
                _emittedRows = 0;
                continue;
            }

            if (_atBatchBoundary && TakeRequest(out item))
            {
                return SourceRead.SnapshotProgress;
            }

            if (_atBatchBoundary && Snapshotting && ReadChunks(cancellationToken))
            {
                continue;
            }

            _streamReads++;
            var read = _stream.Read(out var changeEvent, cancellationToken);
            switch (read)
            {
                case ChangeStreamRead.Event:
                    _eventSinceBatchEnd = true;
                    _atBatchBoundary = false;
                    if (Snapshotting)
                    {
                        Observe(changeEvent);
                    }

                    item = changeEvent;
                    return SourceRead.ChangeEvent;
                case ChangeStreamRead.BatchEnd:
                    item = _stream.PostBatchResumeToken;
                    BatchEnded(item);
                    return SourceRead.Heartbeat;
                case ChangeStreamRead.Closed:
                    item = default;
                    return SourceRead.Closed;
                default:
                    throw new InvalidOperationException("Unknown change stream read result.");
            }
        }
    }

    public void Dispose()
    {
        _readAhead?.Abandon();
        _readAhead = null;
        _stream.Dispose();
    }

    private void BatchEnded(ReadOnlySpan<byte> token)
    {
        _batches++;
        _lastBatchEmpty = !_eventSinceBatchEnd;
        _eventSinceBatchEnd = false;
        _atBatchBoundary = true;
        _lastBatchTokenArray = null;
        if ((!Snapshotting && _requests is null) || !ResumeTokenTime.TryRead(token, out var time))
        {
            _lastBatchTokenLength = 0;
            return;
        }

        // Kept for snapshot rows and chunk ends emitted at this position.
        if (_lastBatchTokenBuffer.Length < token.Length)
        {
            _lastBatchTokenBuffer = new byte[token.Length * 2];
        }

        token.CopyTo(_lastBatchTokenBuffer);
        _lastBatchTokenLength = token.Length;
        _lastBatchTime = time;
        if (_open.Count > 0)
        {
            var empty = _lastBatchEmpty;
            var batch = _batches;
            Close(window => Compare(time, window.Chunk.ReadTime) > 0 || (empty && window.ReadBatch < batch), LastBatchToken(), time);
        }
    }

    /// <summary>At a batch boundary: reads a chunk for each collection that has none open, up to snapshot.parallelism. True when rows are ready to emit.</summary>
    private bool ReadChunks(CancellationToken cancellationToken)
    {
        var ready = false;
        foreach (var progress in Snapshot!.Collections)
        {
            if (_open.Count >= _parallelism)
            {
                break;
            }

            if (progress.Done || _open.Exists(window => window.Progress.Database == progress.Database && window.Progress.Collection == progress.Collection))
            {
                continue;
            }

            var collection = new SnapshotNamespace(progress.Database, progress.Collection);
            _reader ??= _readerFactory!();
            if (progress.LastId is null && _reader.EstimateCount(collection, cancellationToken) is { } estimate)
            {
                _counters.Estimated(progress.Namespace, estimate);
            }

            var chunk = TakeReadAhead(collection, progress.LastId) ?? _reader.ReadChunk(collection, progress.LastId, _chunkSize, cancellationToken);
            _counters.ChunkRead(chunk.Documents.Count);
            SourceLog.SnapshotChunkRead(_logger, collection.Database, collection.Collection, chunk.Documents.Count, chunk.ReadTime.Seconds, chunk.ReadTime.Increment);

            var window = new SnapshotWindow(progress, chunk, _batches);

            // The stream was idle at its last batch end and the read is not after that batch's position: no change can
            // fall between the read and the stream, so the rows go out at once (this is what keeps an idle source fast).
            if (_lastBatchTokenLength > 0 && (chunk.Documents.Count == 0 || (_lastBatchEmpty && Compare(chunk.ReadTime, _lastBatchTime) <= 0)))
            {
                _closing.Enqueue(new SnapshotEmission(window, LastBatchToken(), _lastBatchTime));
                ready = true;

                // The reader stays at this batch boundary until every ready row is out and then reads chunks again, so this
                // collection's next chunk is normally read before the stream is: that read may as well run while these
                // rows are published. (When it is not, e.g. other windows fill snapshot.parallelism, Fits discards it.)
                if (_readAhead is null && !chunk.IsLast && window.LastId is { } lastId)
                {
                    _readAhead = SnapshotReadAhead.Start(_reader!, collection, lastId, _chunkSize, _streamReads, cancellationToken);
                }
            }
            else
            {
                _open.Add(window);
            }
        }

        // Nothing to emit yet: the open windows wait for the stream, which is read next.
        if (!ready)
        {
            _atBatchBoundary = false;
        }

        return ready;
    }

    /// <summary>The chunk read ahead for <paramref name="collection"/> when it still fits (else it is given up), or null.</summary>
    private SnapshotChunk? TakeReadAhead(SnapshotNamespace collection, byte[]? lastId)
    {
        if (_readAhead is not { } ahead || ahead.Collection != collection)
        {
            return null;
        }

        _readAhead = null;
        if (!ahead.Fits(collection, lastId, _streamReads))
        {
            ahead.Abandon();
            return null;
        }

        return ahead.Take();
    }

    private SourceRead NextRow(out ReadOnlySpan<byte> item)
    {
        var emission = _emitting!;
        var window = emission.Window;
        var documents = window.Chunk.Documents;
        while (_nextRow < documents.Count)
        {
            var row = _nextRow++;
            if (window.IsDropped(row))
            {
                continue;
            }

            item = SnapshotRowEvent.Write(_rowWriter, emission.Token, emission.Time, window.Namespace, documents[row]);
            _emittedRows++;
            _counters.RowEmitted();
            return SourceRead.SnapshotRow;
        }

        _emitting = null;
        _counters.RowsDroppedBy(window.Abandoned ? 0 : window.DroppedRows);
        var done = window.Chunk.IsLast || window.Abandoned;
        var progress = window.Progress.After(window.LastId, done, _emittedRows);
        Snapshot = Snapshot!.With(progress);
        _counters.Progressed(Snapshot);
        if (done)
        {
            _counters.CollectionCompleted();
            if (_logger.IsEnabled(LogLevel.Information))
            {
                SourceLog.SnapshotCollectionDone(_logger, progress.Namespace, progress.Rows, progress.Trigger, Snapshot.Remaining);
            }
        }

        item = emission.Token;
        return SourceRead.SnapshotProgress;
    }

    /// <summary>
    /// At a batch boundary: folds a waiting `cdc snapshot` request into the snapshot progress (each collection starts over,
    /// unless it is being snapshotted now) and returns its position's token, so the new plan is committed in stream order.
    /// </summary>
    private bool TakeRequest(out ReadOnlySpan<byte> token)
    {
        token = default;
        if (_requests is null || _lastBatchTokenLength == 0 || !_requests.TryTake(out var request))
        {
            return false;
        }

        var progress = Snapshot ?? new SnapshotProgress([]);
        var changed = false;
        foreach (var collection in request.Collections)
        {
            var current = progress.Find(collection.Database, collection.Collection);
            if (current is { Done: false } || current?.Trigger == request.Trigger)
            {
                continue; // being snapshotted already (its rows come anyway), or this request was folded before a restart
            }

            progress = progress.With(new CollectionSnapshotProgress(collection.Database, collection.Collection, request.Trigger, null, done: false, rows: 0));
            changed = true;
        }

        var names = string.Join(", ", request.Collections);
        SourceLog.SnapshotRequested(_logger, request.Id, names, request.RequestedBy, changed ? "snapshotting them now" : "each is being snapshotted already");
        if (!changed)
        {
            // Nothing new to commit: the request is answered by the snapshot already running.
            _requests.Settle(request);
            return false;
        }

        Snapshot = progress;
        _counters.Progressed(Snapshot);
        token = LastBatchToken();
        return true;
    }

    /// <summary>The last batch's token as an array, made once per batch at the first emission there.</summary>
    private byte[] LastBatchToken() =>
        _lastBatchTokenArray ??= _lastBatchTokenBuffer.AsSpan(0, _lastBatchTokenLength).ToArray();

    /// <summary>Moves the open windows that <paramref name="closes"/> to the emission queue, at <paramref name="token"/>.</summary>
    private void Close(Predicate<SnapshotWindow> closes, byte[] token, BsonTimestamp time)
    {
        for (var i = 0; i < _open.Count; i++)
        {
            if (closes(_open[i]))
            {
                _closing.Enqueue(new SnapshotEmission(_open[i], token, time));
                _open.RemoveAt(i);
                i--;
            }
        }
    }

    /// <summary>A change event while snapshotting: drops the rows it supersedes, ends collections it removes, schedules closes.</summary>
    private void Observe(ReadOnlySpan<byte> changeEvent)
    {
        ReadOnlySpan<byte> token = default, operationType = default, database = default, collection = default, documentKey = default;
        BsonTimestamp time = default;
        var hasTime = false;
        var reader = new BsonReader(changeEvent);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("_id"u8) && element.Type == BsonType.Document)
            {
                token = element.Value;
            }
            else if (element.NameEquals("operationType"u8) && element.Type == BsonType.String)
            {
                operationType = element.GetStringUtf8();
            }
            else if (element.NameEquals("clusterTime"u8) && element.Type == BsonType.Timestamp)
            {
                time = element.GetTimestamp();
                hasTime = true;
            }
            else if (element.NameEquals("ns"u8) && element.Type == BsonType.Document)
            {
                var ns = element.GetDocumentReader();
                while (ns.MoveNext())
                {
                    if (ns.Current.Type == BsonType.String && ns.Current.NameEquals("db"u8))
                    {
                        database = ns.Current.GetStringUtf8();
                    }
                    else if (ns.Current.Type == BsonType.String && ns.Current.NameEquals("coll"u8))
                    {
                        collection = ns.Current.GetStringUtf8();
                    }
                }
            }
            else if (element.NameEquals("documentKey"u8) && element.Type == BsonType.Document)
            {
                documentKey = element.Value;
            }
        }

        if (operationType.SequenceEqual("drop"u8) || operationType.SequenceEqual("rename"u8) || operationType.SequenceEqual("dropDatabase"u8))
        {
            EndCollections(database, operationType.SequenceEqual("dropDatabase"u8) ? default : collection, Encoding.UTF8.GetString(operationType), token);
        }
        else if (!documentKey.IsEmpty && _open.Count > 0)
        {
            DropRows(database, collection, documentKey);
        }

        if (hasTime && token.Length >= 5 && _open.Exists(window => Compare(time, window.Chunk.ReadTime) > 0))
        {
            _closeAfterToken = token.ToArray();
            _closeAfterTime = time;
        }
    }

    private void DropRows(ReadOnlySpan<byte> database, ReadOnlySpan<byte> collection, ReadOnlySpan<byte> documentKey)
    {
        var key = new BsonReader(documentKey);
        while (key.MoveNext())
        {
            if (!key.Current.NameEquals("_id"u8))
            {
                continue;
            }

            var value = key.Current.Value;
            if (_typedId.Length < value.Length + 1)
            {
                _typedId = new byte[Math.Max(value.Length + 1, _typedId.Length * 2)];
            }

            _typedId[0] = (byte)key.Current.Type;
            value.CopyTo(_typedId.AsSpan(1));
            var typedId = _typedId.AsSpan(0, value.Length + 1);
            foreach (var window in _open)
            {
                if (Matches(window.Namespace, database, collection))
                {
                    window.Drop(typedId);
                }
            }

            return;
        }
    }

    /// <summary>
    /// The stream shows collections gone (dropped, renamed, their database dropped): their snapshot ends after this event,
    /// with no more rows, since none of their documents exist any more under that name.
    /// </summary>
    private void EndCollections(ReadOnlySpan<byte> database, ReadOnlySpan<byte> collection, string what, ReadOnlySpan<byte> token)
    {
        if (token.Length < 5)
        {
            return;
        }

        byte[]? tokenCopy = null;
        ResumeTokenTime.TryRead(token, out var time);
        foreach (var progress in Snapshot!.Collections)
        {
            var name = new SnapshotNamespace(progress.Database, progress.Collection);
            if (progress.Done || !Matches(name, database, collection))
            {
                continue;
            }

            tokenCopy ??= token.ToArray();
            var window = _open.Find(open => open.Namespace == name);
            if (window is not null)
            {
                _open.Remove(window);
            }
            else
            {
                window = new SnapshotWindow(progress, new SnapshotChunk([], time, isLast: true), _batches);
            }

            window.Abandon();
            SourceLog.SnapshotCollectionGone(_logger, name.ToString(), what == "dropDatabase" ? "database dropped" : what == "drop" ? "dropped" : "renamed", progress.Rows);
            _closing.Enqueue(new SnapshotEmission(window, tokenCopy, time));
        }
    }

    /// <summary>Whether <paramref name="name"/> is the event's namespace (an empty collection: any collection of the database).</summary>
    private static bool Matches(SnapshotNamespace name, ReadOnlySpan<byte> database, ReadOnlySpan<byte> collection) =>
        Utf8Equals(name.Database, database) && (collection.IsEmpty || Utf8Equals(name.Collection, collection));

    private static bool Utf8Equals(string text, ReadOnlySpan<byte> utf8)
    {
        Span<byte> buffer = stackalloc byte[256];
        var count = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length
            ? Encoding.UTF8.GetBytes(text, buffer)
            : -1;
        return count >= 0 ? buffer[..count].SequenceEqual(utf8) : Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(utf8);
    }

    private static int Compare(BsonTimestamp a, BsonTimestamp b) =>
        a.Seconds != b.Seconds ? a.Seconds.CompareTo(b.Seconds) : a.Increment.CompareTo(b.Increment);
}
