using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Cdc.Sandbox.MongoDb.Cursors;

/// <summary>Open cursors by id. Ids are random positive 63-bit numbers, as a server's are, so a stale id is not reused.</summary>
internal sealed class CursorRegistry
{
    private readonly ConcurrentDictionary<long, IServerCursor> _cursors = new();

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
        _cursors[cursor.Id] = cursor;
    }

    public bool TryGet(long id, out IServerCursor cursor) => _cursors.TryGetValue(id, out cursor!);

    public bool Remove(long id) => _cursors.TryRemove(id, out _);
}
