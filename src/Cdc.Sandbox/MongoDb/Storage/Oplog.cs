namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>
/// The append-only log of committed changes, kept in a ring of <see cref="Capacity"/> entries (the retention window).
/// Entries get consecutive sequence numbers; readers copy runs of entries out in batches and, when caught up, await
/// the next append without polling. Appending allocates nothing beyond the entry itself, so one reader can follow
/// tens of thousands of entries per second.
/// </summary>
internal sealed class Oplog
{
    private readonly Lock _lock = new();
    private readonly OplogEntry[] _ring;
    private long _nextSequence;
    private TaskCompletionSource? _waiter;
    private Schemas.Bson.BsonTimestamp? _lastEvictedClusterTime;

    public Oplog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new OplogEntry[capacity];
    }

    public int Capacity => _ring.Length;

    /// <summary>The sequence the next appended entry will get (so "everything so far" is below it).</summary>
    public long NextSequence
    {
        get
        {
            lock (_lock)
            {
                return _nextSequence;
            }
        }
    }

    public long FirstRetainedSequence
    {
        get
        {
            lock (_lock)
            {
                return Math.Max(0, _nextSequence - _ring.Length);
            }
        }
    }

    public OplogEntry Append(OplogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        TaskCompletionSource? waiter;
        OplogEntry stored;
        lock (_lock)
        {
            stored = entry with { Sequence = _nextSequence };
            if (_nextSequence >= _ring.Length)
            {
                _lastEvictedClusterTime = _ring[_nextSequence % _ring.Length].ClusterTime;
            }

            _ring[_nextSequence % _ring.Length] = stored;
            _nextSequence++;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
        return stored;
    }

    /// <summary>Copies up to <paramref name="max"/> entries starting at <paramref name="fromSequence"/>; returns how many.</summary>
    public int Read(long fromSequence, List<OplogEntry> into, int max)
    {
        ArgumentNullException.ThrowIfNull(into);
        lock (_lock)
        {
            var first = Math.Max(0, _nextSequence - _ring.Length);
            if (fromSequence < first)
            {
                throw new OplogHistoryLostException(fromSequence, first);
            }

            var count = (int)Math.Min(max, Math.Max(0, _nextSequence - fromSequence));
            for (var i = 0; i < count; i++)
            {
                into.Add(_ring[(fromSequence + i) % _ring.Length]);
            }

            return count;
        }
    }

    /// <summary>
    /// The sequence of the first retained entry whose cluster time is at or after <paramref name="clusterTime"/>
    /// (<see cref="NextSequence"/> if none is yet), for startAtOperationTime. Cluster times never decrease along the
    /// log, so this is a binary search. A time older than the window throws <see cref="OplogHistoryLostException"/>.
    /// </summary>
    public long FirstSequenceAtOrAfter(Schemas.Bson.BsonTimestamp clusterTime)
    {
        lock (_lock)
        {
            var first = Math.Max(0, _nextSequence - _ring.Length);
            long low = first;
            var high = _nextSequence;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (Compare(_ring[middle % _ring.Length].ClusterTime, clusterTime) < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            // History is lost only if an evicted entry was at or after the requested time.
            if (_lastEvictedClusterTime is { } evicted && Compare(evicted, clusterTime) >= 0)
            {
                throw new OplogHistoryLostException(first - 1, first);
            }

            return low;
        }
    }

    private static int Compare(Schemas.Bson.BsonTimestamp left, Schemas.Bson.BsonTimestamp right)
    {
        var seconds = left.Seconds.CompareTo(right.Seconds);
        return seconds != 0 ? seconds : left.Increment.CompareTo(right.Increment);
    }

    /// <summary>Waits until an entry at or after <paramref name="sequence"/> exists, or the timeout passes; true if one exists.</summary>
    public async Task<bool> WaitForEntryAsync(long sequence, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task appended;
        lock (_lock)
        {
            if (_nextSequence > sequence)
            {
                return true;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            appended = _waiter.Task;
        }

        try
        {
            await appended.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Awaitable cursors return an empty batch when maxTimeMS passes with nothing new.
        }

        return NextSequence > sequence;
    }
}
