namespace Cdc.Bench.Transcode;

/// <summary>Concatenated BSON events; event i is <c>Bytes[Offsets[i]..Offsets[i + 1]]</c>.</summary>
internal sealed class GeneratedEvents(byte[] bytes, int[] offsets)
{
    public byte[] Bytes { get; } = bytes;

    public int Count => offsets.Length - 1;

    public ReadOnlySpan<byte> this[int index] => Bytes.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);
}
