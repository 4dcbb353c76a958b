namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of OP_MSG's checksumPresent flag.
/// System.IO.Hashing is not in the package mirror, and a table-driven version is small.
/// </summary>
internal static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F63B78;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc = Table[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ ReflectedPolynomial : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
}
