namespace Cdc.Connector.Pipeline;

/// <summary>
/// Arrays of an exact length, lent to the producer for one call and handed out again for the next record of that
/// length. Confluent.Kafka's Produce takes whole arrays (no offset and length), and librdkafka copies key and value
/// before Produce returns, so a record's array is free as soon as the call returns. Allocating a new one per record
/// made every event leave ≈ 1 KB of garbage, and the reading thread spent more time waiting for collections than
/// mapping (docs/benchmarks.md, issue 18 item 3). Bounded: past <see cref="MaxCachedBytes"/> the cache starts again.
/// </summary>
internal sealed class ExactLengthArrayCache
{
    /// <summary>Records of documents with a few hundred distinct sizes fit many times over.</summary>
    public const long MaxCachedBytes = 8L * 1024 * 1024;

    /// <summary>Longer records are rare and large: cached, they would crowd out the common sizes.</summary>
    public const int MaxCachedLength = 256 * 1024;

    private readonly Dictionary<int, byte[]> _arrays = [];
    private long _cachedBytes;

    /// <summary>The bytes held by cached arrays.</summary>
    public long CachedBytes => _cachedBytes;

    /// <summary>
    /// An array of exactly <paramref name="length"/> bytes, with arbitrary content, that stays valid until the next
    /// call: the caller must be done with it (the producer has copied it) before asking again.
    /// </summary>
    public byte[] Lend(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (_arrays.TryGetValue(length, out var array))
        {
            return array;
        }

        array = new byte[length];
        if (length > MaxCachedLength)
        {
            return array;
        }

        if (_cachedBytes + length > MaxCachedBytes)
        {
            _arrays.Clear();
            _cachedBytes = 0;
        }

        _arrays.Add(length, array);
        _cachedBytes += length;
        return array;
    }
}
