using System.Buffers;

namespace Cdc.Bench;

/// <summary>A reusable growable IBufferWriter whose written bytes stay writable, so a header reserved up front can be filled in afterwards.</summary>
internal sealed class ByteBuffer(int initialCapacity) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[initialCapacity];

    public int WrittenCount { get; private set; }

    public Span<byte> WrittenSpan => _buffer.AsSpan(0, WrittenCount);

    public void Reset() => WrittenCount = 0;

    public void Advance(int count) => WrittenCount += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(WrittenCount);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(WrittenCount);
    }

    private void Ensure(int sizeHint)
    {
        var needed = WrittenCount + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
