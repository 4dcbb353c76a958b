namespace Cdc.Schemas.Typed;

/// <summary>
/// Finds a name's index by its UTF-8 bytes without making a string: an open-addressing table (linear probing, at most
/// half full) over FNV-1a hashes. BSON element names arrive as UTF-8 spans, and this runs for every field of every
/// document.
/// </summary>
internal sealed class Utf8NameTable
{
    private readonly byte[][] _names;

    /// <summary>Index + 1 of the name in each slot; 0 marks an empty slot.</summary>
    private readonly int[] _slots;
    private readonly int _mask;

    /// <param name="names">Distinct names; their positions are what <see cref="Find"/> returns.</param>
    public Utf8NameTable(byte[][] names)
    {
        _names = names;
        var size = 4;
        while (size < names.Length * 2)
        {
            size *= 2;
        }

        _slots = new int[size];
        _mask = size - 1;
        for (var i = 0; i < names.Length; i++)
        {
            var slot = (int)Hash(names[i]) & _mask;
            while (_slots[slot] != 0)
            {
                if (names[_slots[slot] - 1].AsSpan().SequenceEqual(names[i]))
                {
                    throw new ArgumentException($"The name at {i} occurs twice.", nameof(names));
                }

                slot = (slot + 1) & _mask;
            }

            _slots[slot] = i + 1;
        }
    }

    /// <summary>The index of <paramref name="utf8Name"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> utf8Name)
    {
        var slot = (int)Hash(utf8Name) & _mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (utf8Name.SequenceEqual(_names[entry - 1]))
            {
                return entry - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static uint Hash(ReadOnlySpan<byte> name)
    {
        var hash = 2166136261u;
        foreach (var b in name)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
