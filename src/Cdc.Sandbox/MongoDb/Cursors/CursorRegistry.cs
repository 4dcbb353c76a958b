using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Cdc.Sandbox.MongoDb.Cursors;

/// <summary>
/// Open cursors by id. Ids are random positive 63-bit numbers, as a server's are, so a stale id is not reused. A cursor
/// left idle longer than <see cref="IdleTimeout"/> (the server's cursorTimeoutMillis default, 10 minutes) is
/// forgotten, so clients that abandon cursors do not grow the sandbox without bound.
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

    public void Register(IServerCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ReapIdle();
        _cursors[cursor.Id] = new Entry(cursor, _time.GetUtcNow());
    }

    public bool TryGet(long id, out IServerCursor cursor)
    {
        ReapIdle();
        if (_cursors.TryGetValue(id, out var entry))
        {
            _cursors[id] = entry with { LastUsed = _time.GetUtcNow() };
            cursor = entry.Cursor;
            return true;
        }

        cursor = null!;
        return false;
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

    private void ReapIdle()
    {
        var cutoff = _time.GetUtcNow() - IdleTimeout;
        foreach (var (id, entry) in _cursors)
        {
            if (entry.LastUsed < cutoff)
            {
                _cursors.TryRemove(id, out _);
            }
        }
    }

    private readonly record struct Entry(IServerCursor Cursor, DateTimeOffset LastUsed);
}
