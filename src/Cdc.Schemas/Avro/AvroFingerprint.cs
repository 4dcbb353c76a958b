using System.Text;

namespace Cdc.Schemas.Avro;

/// <summary>
/// The specification's 64-bit Rabin fingerprint (CRC-64-AVRO) of a schema's Parsing Canonical Form: the identity
/// Avro single-object encoding and schema caches use for "the same schema".
/// </summary>
internal static class AvroFingerprint
{
    private const ulong Empty = 0xc15d213aa4d7a795UL;

    private static readonly ulong[] Table = BuildTable();

    public static long Rabin64(AvroSchema schema) => Rabin64(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()));

    public static long Rabin64(ReadOnlySpan<byte> canonicalFormUtf8)
    {
        var fingerprint = Empty;
        foreach (var b in canonicalFormUtf8)
        {
            fingerprint = (fingerprint >> 8) ^ Table[(int)(fingerprint ^ b) & 0xFF];
        }

        return unchecked((long)fingerprint);
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < table.Length; i++)
        {
            var value = (ulong)i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value >> 1) ^ (Empty & (0UL - (value & 1)));
            }

            table[i] = value;
        }

        return table;
    }
}
