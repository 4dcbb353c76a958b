using System.Diagnostics;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// Numbers events in stream order and tracks their Kafka acknowledgements, so that the committable position is always
/// the newest event such that it and every earlier event have all their records acknowledged — acknowledgements arrive
/// out of order across partitions, and a failure freezes the position just before the failed event forever.
/// It is also the connector's back-pressure: the source waits here while too many events or bytes are in flight.
/// </summary>
/// <remarks>
/// In-flight events are counted as a range (next sequence − committable sequence), not as a count of unacknowledged
/// events: the tokens live in a ring indexed by sequence, and a range bound is what keeps a slot from being reused
/// while an older event still needs it. One lock guards everything; it is held for a few instructions per call.
/// </remarks>
internal sealed class AckWatermark : IDeliveryListener
{
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(50);

    private readonly object _gate = new();
    private readonly Slot[] _ring;
    private readonly int _maxEvents;
    private readonly long _maxBytes;
    private readonly IAckLatencyObserver? _latencyObserver;

    private long _next;
    private long _committable;
    private long _inFlightBytes;
    private int _unfinishedEvents;
    private long _failedAt = long.MaxValue;
    private Exception? _failure;
    private bool _producerFailed;

    private byte[] _postBatchToken = [];
    private int _postBatchTokenLength;
    private long _postBatchAfter = -1;
    private long _postBatchVersion;
    private SnapshotProgress? _postBatchProgress;

    private long _takenCommittable;
    private long _takenPostBatchVersion;

    public AckWatermark(int maxInFlightEvents, long maxInFlightBytes, IAckLatencyObserver? latencyObserver = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlightEvents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlightBytes, 1);
        _maxEvents = maxInFlightEvents;
        _maxBytes = maxInFlightBytes;
        _latencyObserver = latencyObserver;

        // One spare slot keeps the newest committable event's token intact while the ring is full.
        _ring = new Slot[maxInFlightEvents + 1];
        for (var i = 0; i < _ring.Length; i++)
        {
            _ring[i] = new Slot();
        }
    }

    /// <summary>The first failure (a failed delivery or a fatal producer error), or null.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>Events tracked but not yet committable (they or an earlier event await an acknowledgement).</summary>
    public long InFlightEvents
    {
        get
        {
            lock (_gate)
            {
                return _next - _committable;
            }
        }
    }

    public long InFlightBytes
    {
        get
        {
            lock (_gate)
            {
                return _inFlightBytes;
            }
        }
    }

    /// <summary>How many events were tracked so far; the next one gets this sequence.</summary>
    public long NextSequence
    {
        get
        {
            lock (_gate)
            {
                return _next;
            }
        }
    }

    /// <summary>Every event below this sequence is acknowledged.</summary>
    public long CommittableSequence
    {
        get
        {
            lock (_gate)
            {
                return _committable;
            }
        }
    }

    /// <summary>
    /// Blocks the reading thread until one more event of <paramref name="bytes"/> fits (an event larger than the byte
    /// limit fits when nothing else is in flight). False when cancelled or once a failure was recorded.
    /// </summary>
    public bool WaitForRoom(long bytes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            while (_failure is null && !cancellationToken.IsCancellationRequested && !HasRoom(bytes))
            {
                Monitor.Wait(_gate, WaitSlice);
            }

            return _failure is null && !cancellationToken.IsCancellationRequested;
        }
    }

    /// <summary>
    /// Numbers the next event. <paramref name="records"/> is how many Kafka records it produces (a delete with its
    /// tombstone: 2; a skipped event: 0, committable at once). <paramref name="snapshot"/> is the snapshot progress the
    /// offset of this event carries (committed with its token). Call <see cref="WaitForRoom"/> first.
    /// </summary>
    public long Track(ReadOnlySpan<byte> resumeToken, bool isInvalidate, int records, long bytes, SnapshotProgress? snapshot = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        var trackedAt = _latencyObserver is null ? 0 : Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_next - _committable >= _maxEvents)
            {
                throw new InvalidOperationException("AckWatermark.Track called without room; call WaitForRoom first.");
            }

            var sequence = _next++;
            var slot = _ring[sequence % _ring.Length];
            slot.Store(resumeToken, isInvalidate, records, records == 0 ? 0 : bytes);
            slot.Snapshot = snapshot;
            slot.TrackedAt = trackedAt;
            if (records == 0)
            {
                Advance();
            }
            else
            {
                _inFlightBytes += bytes;
                _unfinishedEvents++;
            }

            return sequence;
        }
    }

    /// <summary>
    /// The postBatchResumeToken read after the newest tracked event: committable once every event tracked so far is,
    /// and superseded by any later event's token. <paramref name="snapshot"/> is the snapshot progress at that point.
    /// </summary>
    public void OfferPostBatchToken(ReadOnlySpan<byte> token, SnapshotProgress? snapshot = null)
    {
        if (token.Length < 5)
        {
            return;
        }

        lock (_gate)
        {
            if (_postBatchToken.Length < token.Length)
            {
                _postBatchToken = new byte[Math.Max(token.Length, 256)];
            }

            token.CopyTo(_postBatchToken);
            _postBatchTokenLength = token.Length;
            _postBatchAfter = _next;
            _postBatchVersion++;
            _postBatchProgress = snapshot;
        }
    }

    public void Delivered(long sequence)
    {
        long completedTrackedAt;
        lock (_gate)
        {
            if (sequence < _committable || sequence >= _next)
            {
                return; // a report for an event this watermark no longer (or never) tracked
            }

            var slot = _ring[sequence % _ring.Length];
            if (slot.PendingRecords == 0 || --slot.PendingRecords > 0)
            {
                return;
            }

            completedTrackedAt = slot.TrackedAt;
            _inFlightBytes -= slot.Bytes;
            _unfinishedEvents--;
            Advance();
            Monitor.PulseAll(_gate);
        }

        // Outside the lock: the observer must never hold up the reading thread's Track or WaitForRoom.
        _latencyObserver?.Acknowledged(completedTrackedAt, Stopwatch.GetTimestamp());
    }

    public void Failed(long sequence, Exception error)
    {
        lock (_gate)
        {
            if (sequence < _failedAt)
            {
                _failedAt = sequence;

                // After a fatal producer error, the failed deliveries that follow (librdkafka purging its queue) are
                // its consequence, whichever order librdkafka reports them in: the fatal error stays the cause.
                if (!_producerFailed)
                {
                    _failure = error;
                }
            }

            if (sequence >= _committable && sequence < _next)
            {
                var slot = _ring[sequence % _ring.Length];
                if (slot.PendingRecords > 0 && --slot.PendingRecords == 0)
                {
                    _inFlightBytes -= slot.Bytes;
                    _unfinishedEvents--;
                }
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// A failure from outside the deliveries that forbids committing anything more (this instance was fenced as the
    /// pipeline's writer): reported as the cycle's failure like a fatal producer error.
    /// </summary>
    public void Abandon(Exception error) => ProducerFailed(error);

    public void ProducerFailed(Exception error)
    {
        lock (_gate)
        {
            // What was acknowledged stays committable; nothing tracked after this moment may be.
            if (_next < _failedAt)
            {
                _failedAt = _next;
            }

            // A fatal producer error is the cause to report even when librdkafka's purge of its queue ("Purged in
            // queue" delivery reports) reached the watermark first: those are its consequence.
            if (!_producerFailed)
            {
                _producerFailed = true;
                _failure = error;
            }
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// The newest committable position not returned before, or null when it has not moved. An event's token wins over
    /// a postBatchResumeToken offered before that event; a postBatchResumeToken wins once every event before it is acknowledged.
    /// The offset's snapshot progress is the one tracked with that event (or offered with that token).
    /// </summary>
    public SourceOffset? TakeCommittable()
    {
        lock (_gate)
        {
            if (_postBatchAfter >= 0 && _postBatchAfter == _committable && _failedAt >= _postBatchAfter)
            {
                if (_takenPostBatchVersion == _postBatchVersion)
                {
                    return null;
                }

                _takenPostBatchVersion = _postBatchVersion;
                _takenCommittable = _committable;
                return new SourceOffset(ResumePosition.FromToken(_postBatchToken.AsSpan(0, _postBatchTokenLength), isInvalidate: false), _postBatchProgress);
            }

            if (_committable == 0 || _committable == _takenCommittable)
            {
                return null;
            }

            _takenCommittable = _committable;
            var slot = _ring[(_committable - 1) % _ring.Length];
            return new SourceOffset(ResumePosition.FromToken(slot.Token, slot.IsInvalidate), slot.Snapshot);
        }
    }

    /// <summary>Waits until no tracked event awaits a delivery report (acknowledged or failed); false on timeout.</summary>
    public bool WaitUntilSettled(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_unfinishedEvents > 0)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(_gate, left < WaitSlice ? left : WaitSlice);
            }

            return true;
        }
    }

    private bool HasRoom(long bytes) =>
        _next - _committable < _maxEvents && (_inFlightBytes == 0 || _inFlightBytes + bytes <= _maxBytes);

    private void Advance()
    {
        while (_committable < _next && _committable < _failedAt && _ring[_committable % _ring.Length].PendingRecords == 0)
        {
            _committable++;
        }
    }

    /// <summary>A reusable ring entry: its token buffer only grows, so tracking allocates nothing in steady state.</summary>
    private sealed class Slot
    {
        private byte[] _token = new byte[128];
        private int _tokenLength;

        public int PendingRecords { get; set; }

        public long Bytes { get; private set; }

        public bool IsInvalidate { get; private set; }

        /// <summary>The snapshot progress of this event's offset (a shared immutable instance, so storing it allocates nothing).</summary>
        public SnapshotProgress? Snapshot { get; set; }

        /// <summary>When the event was tracked (Stopwatch ticks), kept only for an <see cref="IAckLatencyObserver"/>.</summary>
        public long TrackedAt { get; set; }

        public ReadOnlySpan<byte> Token => _token.AsSpan(0, _tokenLength);

        public void Store(ReadOnlySpan<byte> token, bool isInvalidate, int records, long bytes)
        {
            if (_token.Length < token.Length)
            {
                _token = new byte[token.Length * 2];
            }

            token.CopyTo(_token);
            _tokenLength = token.Length;
            IsInvalidate = isInvalidate;
            PendingRecords = records;
            Bytes = bytes;
        }
    }
}
