using System.Buffers;
using System.Text.Unicode;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// Interned operationType strings, so reporting the type costs no allocation per event. Unknown future types are
/// interned too, up to a bound that stops a stream of distinct garbage from growing memory without limit.
/// </summary>
internal sealed class OperationTypeCache
{
    public const string Delete = "delete";

    public const string Update = "update";

    public const string Replace = "replace";

    private const int MaxInterned = 256;

    private static readonly string[] KnownTypes =
    [
        "insert", Update, Replace, Delete, "drop", "rename", "dropDatabase", "invalidate", "create",
        "createIndexes", "dropIndexes", "modify", "shardCollection", "refineCollectionShardKey", "reshardCollection",
        "createSearchIndexes", "dropSearchIndexes", "updateSearchIndex",
    ];

    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _buffer = new char[64];

    public OperationTypeCache()
    {
        foreach (var type in KnownTypes)
        {
            _interned.Add(type, type);
        }

        _lookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (_buffer.Length < utf8.Length)
        {
            _buffer = new char[utf8.Length];
        }

        if (Utf8.ToUtf16(utf8, _buffer, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            throw new ChangeEventMappingException("operationType", "is not valid UTF-8.");
        }

        var chars = _buffer.AsSpan(0, written);
        if (_lookup.TryGetValue(chars, out var interned))
        {
            return interned;
        }

        var created = chars.ToString();
        if (_interned.Count < MaxInterned)
        {
            _interned.Add(created, created);
        }

        return created;
    }
}
