using System.Collections.Concurrent;
using System.Security.Cryptography;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Cursors;

/// <summary>
/// Open cursors by id. Ids are random positive 63-bit numbers, as a server's are, so a stale id is not reused. A cursor
/// left idle longer than <see cref="IdleTimeout"/> (the server's cursorTimeoutMillis default, 10 minutes) is
/// forgotten, so clients that abandon cursors do not grow the sandbox without bound. Each cursor keeps the command that
/// opened it and its counters, and whether a getMore is running on it, for <c>$currentOp</c> (<see cref="Snapshot"/>).
/// </summary>
internal sealed class CursorRegistry
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<long, Entry> _cursors = new();
    private readonly TimeProvider _time;

    public CursorRegistry(TimeProvider time)
    {
        _time = time;
    }

    public int Count => _cursors.Count;

    public long NewId()
    {
        Span<byte> bytes = stackalloc byte[8];
        long id;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            id = BitConverter.ToInt64(bytes) & long.MaxValue;
        }
        while (id == 0 || _cursors.ContainsKey(id));

        return id;
    }

    /// <summary>Keeps <paramref name="cursor"/> open; <paramref name="originatingCommand"/> is the find/aggregate/… as received.</summary>
    public void Register(IServerCursor cursor, Doc originatingCommand, int firstBatchDocuments)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(originatingCommand);
        ReapIdle();
        var now = _time.GetUtcNow();
        _cursors[cursor.Id] = new Entry(cursor, originatingCommand.Clone(), now)
        {
            LastUsed = now,
            DocumentsReturned = firstBatchDocuments,
            BatchesReturned = 1,
        };
    }

    public bool TryGet(long id, out IServerCursor cursor)
    {
        ReapIdle();
        if (_cursors.TryGetValue(id, out var entry))
        {
            lock (entry)
            {
                entry.LastUsed = _time.GetUtcNow();
            }

            cursor = entry.Cursor;
            return true;
        }

        cursor = null!;
        return false;
    }

    /// <summary>A getMore runs on <paramref name="id"/> until <see cref="EndGetMore"/>: <c>$currentOp</c> shows it as active.</summary>
    public void BeginGetMore(long id, Doc getMore, int connectionId)
    {
        ArgumentNullException.ThrowIfNull(getMore);
        if (_cursors.TryGetValue(id, out var entry))
        {
            lock (entry)
            {
                entry.LastUsed = _time.GetUtcNow();
                entry.RunningGetMore = getMore;
                entry.RunningOnConnection = connectionId;
            }
        }
    }

    /// <summary>The getMore on <paramref name="id"/> ended, having returned <paramref name="documents"/> (null when it failed).</summary>
    public void EndGetMore(long id, int? documents)
    {
        if (_cursors.TryGetValue(id, out var entry))
        {
            lock (entry)
            {
                entry.LastUsed = _time.GetUtcNow();
                entry.RunningGetMore = null;
                if (documents is { } count)
                {
                    entry.DocumentsReturned += count;
                    entry.BatchesReturned++;
                }
            }
        }
    }

    public bool Remove(long id) => _cursors.TryRemove(id, out _);

    /// <summary>Forgets every open cursor and returns them (a step-down interrupts them all).</summary>
    public List<IServerCursor> RemoveAll()
    {
        var removed = new List<IServerCursor>();
        foreach (var id in _cursors.Keys)
        {
            if (_cursors.TryRemove(id, out var entry))
            {
                removed.Add(entry.Cursor);
            }
        }

        return removed;
    }

    /// <summary>Every open cursor as it is now, for <c>$currentOp</c>.</summary>
    public List<OpenCursor> Snapshot()
    {
        ReapIdle();
        var open = new List<OpenCursor>(_cursors.Count);
        foreach (var entry in _cursors.Values)
        {
            lock (entry)
            {
                open.Add(new OpenCursor(
                    entry.Cursor,
                    entry.OriginatingCommand,
                    entry.Created,
                    entry.LastUsed,
                    entry.DocumentsReturned,
                    entry.BatchesReturned,
                    entry.RunningGetMore,
                    entry.RunningOnConnection));
            }
        }

        return open;
    }

    private void ReapIdle()
    {
        var cutoff = _time.GetUtcNow() - IdleTimeout;
        foreach (var (id, entry) in _cursors)
        {
            bool idle;
            lock (entry)
            {
                idle = entry.LastUsed < cutoff && entry.RunningGetMore is null;
            }

            if (idle)
            {
                _cursors.TryRemove(id, out _);
            }
        }
    }

    /// <summary>One open cursor; the mutable fields change under a lock on the entry.</summary>
    private sealed class Entry(IServerCursor cursor, Doc originatingCommand, DateTimeOffset created)
    {
        public IServerCursor Cursor { get; } = cursor;

        public Doc OriginatingCommand { get; } = originatingCommand;

        public DateTimeOffset Created { get; } = created;

        public DateTimeOffset LastUsed { get; set; }

        public long DocumentsReturned { get; set; }

        public long BatchesReturned { get; set; }

        public Doc? RunningGetMore { get; set; }

        public int RunningOnConnection { get; set; }
    }
}
