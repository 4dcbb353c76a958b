using System.Buffers;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>
/// A cursor over the span an <see cref="IBufferWriter{T}"/> hands out, so that the many tiny writes of JSON
/// punctuation cost a bounds check instead of a GetSpan/Advance pair each. <see cref="Flush"/> commits what was written.
/// </summary>
internal ref struct Utf8JsonSink
{
    // Large enough that a typical change event needs one or two GetSpan calls, small enough not to bloat pooled buffers.
    private const int MinimumChunk = 4096;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _buffer;
    private int _position;

    public Utf8JsonSink(IBufferWriter<byte> output)
    {
        _output = output;
        _buffer = default;
        _position = 0;
    }

    public void Write(byte value)
    {
        if (_position >= _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_position++] = value;
    }

    public void Write(scoped ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _position)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    /// <summary>A span of at least <paramref name="size"/> bytes to write into; follow with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (size > _buffer.Length - _position)
        {
            Grow(size);
        }

        return _buffer[_position..];
    }

    public void Advance(int count) => _position += count;

    /// <summary>Commits everything written so far to the underlying writer.</summary>
    public void Flush()
    {
        if (_position > 0)
        {
            _output.Advance(_position);
        }

        _position = 0;
        _buffer = default;
    }

    private void Grow(int size)
    {
        Flush();
        _buffer = _output.GetSpan(Math.Max(size, MinimumChunk));
        if (_buffer.Length < size)
        {
            throw new InvalidOperationException($"The output buffer writer returned {_buffer.Length} bytes when {size} were requested.");
        }
    }
}
