using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Cdc.Connector.Demo;

/// <summary>
/// MongoDB ObjectIds as drivers make them: 4 bytes of seconds since the epoch, 5 random bytes fixed per generator
/// (per process on a driver), and a 3-byte counter starting at a random value. Not thread-safe: one per workload.
/// </summary>
internal sealed class ObjectIdGenerator
{
    private readonly byte[] _processPart = RandomNumberGenerator.GetBytes(5);
    private readonly TimeProvider _time;
    private uint _counter = (uint)RandomNumberGenerator.GetInt32(1 << 24);

    public ObjectIdGenerator(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public byte[] Next()
    {
        var id = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(id, (uint)_time.GetUtcNow().ToUnixTimeSeconds());
        _processPart.CopyTo(id.AsSpan(4));
        _counter = (_counter + 1) & 0xFFFFFF;
        id[9] = (byte)(_counter >> 16);
        id[10] = (byte)(_counter >> 8);
        id[11] = (byte)_counter;
        return id;
    }
}
