using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>ObjectIds as the spec builds them: 4-byte seconds, 5 random bytes per process, 3-byte counter.</summary>
internal static class ObjectIdGenerator
{
    private static readonly byte[] ProcessUnique = RandomNumberGenerator.GetBytes(5);
    private static int _counter = RandomNumberGenerator.GetInt32(0, 0xFFFFFF);

    public static byte[] Next()
    {
        var id = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(id, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        ProcessUnique.CopyTo(id, 4);
        var counter = Interlocked.Increment(ref _counter) & 0xFFFFFF;
        id[9] = (byte)(counter >> 16);
        id[10] = (byte)(counter >> 8);
        id[11] = (byte)counter;
        return id;
    }
}
