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
