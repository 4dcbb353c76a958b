using System.Buffers;
using System.Buffers.Binary;
using Cdc.Schemas.Registry;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// A reusable output buffer for one Avro payload that starts with room for the Schema Registry header, so the id can
/// be patched in once it is known and the framed record copied out in one go. Grows with the records it holds; after a
/// very large one it goes back to its initial size (<see cref="TrimAfterLargeRecord"/>).
/// </summary>
internal sealed class FramedPayloadBuffer : IBufferWriter<byte>
{
    /// <summary>A buffer grown past this is let go after its record: one event of tens of MB should not pin its size.</summary>
    public const int RetainedBytes = 8 * 1024 * 1024;

    private readonly ExactLengthArrayCache _lent = new();
    private readonly int _initialCapacity;
    private byte[] _buffer;
    private int _length;

    public FramedPayloadBuffer(int initialCapacity = 4096)
    {
        _initialCapacity = Math.Max(initialCapacity, SchemaRegistryFraming.HeaderLength + 1);
        _buffer = new byte[_initialCapacity];
        Reset();
    }

    /// <summary>The capacity held now.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The Avro payload written so far (without the header).</summary>
    public int PayloadLength => _length - SchemaRegistryFraming.HeaderLength;

    /// <summary>Empties the buffer and reserves the header.</summary>
    public void Reset() => _length = SchemaRegistryFraming.HeaderLength;

    /// <summary>
    /// Makes room for a payload of <paramref name="payloadBytes"/> in one allocation (the buffer is empty: just after
    /// <see cref="Reset"/>): a very large record then costs one array instead of every power of two up to its size.
    /// </summary>
    public void Reserve(int payloadBytes)
    {
        var wanted = SchemaRegistryFraming.HeaderLength + payloadBytes;
        if (_length == SchemaRegistryFraming.HeaderLength && _buffer.Length < wanted)
        {
            _buffer = new byte[wanted];
        }
    }

    /// <summary>Empties the buffer and, when a record grew it past <see cref="RetainedBytes"/>, goes back to the initial size.</summary>
    public void TrimAfterLargeRecord()
    {
        if (_buffer.Length > RetainedBytes)
        {
            _buffer = new byte[_initialCapacity];
        }

        Reset();
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_length + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    /// <summary>
    /// The framed record (magic byte, big-endian <paramref name="schemaId"/>, payload) in an array lent for one
    /// producer call: the same array may come back, overwritten, from the next call (see <see cref="ExactLengthArrayCache"/>).
    /// </summary>
    public byte[] LendFramedArray(int schemaId)
    {
        _buffer[0] = SchemaRegistryFraming.MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(1), schemaId);
        var framed = _lent.Lend(_length);
        _buffer.AsSpan(0, _length).CopyTo(framed);
        return framed;
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _length >= needed)
        {
            return;
        }

        var size = Math.Max(_buffer.Length * 2, _length + needed);
        Array.Resize(ref _buffer, size);
    }
}
