using System.Buffers;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Tests.Avro;

public sealed class AvroBinaryTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-2L, "03")]
    [InlineData(2L, "04")]
    [InlineData(-64L, "7F")]
    [InlineData(64L, "8001")]
    [InlineData(27L, "36")]
    [InlineData(8192L, "808001")]
    [InlineData(long.MaxValue, "FEFFFFFFFFFFFFFFFF01")]
    [InlineData(long.MinValue, "FFFFFFFFFFFFFFFFFF01")]
    public void WriteLong_writes_zig_zag_varints(long value, string hex)
    {
        Assert.Equal(hex, Encode(o => AvroBinary.WriteLong(o, value)));
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(-1, "01")]
    [InlineData(63, "7E")]
    [InlineData(-65, "8101")]
    [InlineData(int.MaxValue, "FEFFFFFF0F")]
    [InlineData(int.MinValue, "FFFFFFFF0F")]
    public void WriteInt_writes_zig_zag_varints(int value, string hex)
    {
        Assert.Equal(hex, Encode(o => AvroBinary.WriteInt(o, value)));
    }

    [Fact]
    public void Primitives_are_encoded_as_the_specification_says()
    {
        Assert.Equal("01", Encode(o => AvroBinary.WriteBoolean(o, true)));
        Assert.Equal("00", Encode(o => AvroBinary.WriteBoolean(o, false)));
        Assert.Equal("0000803F", Encode(o => AvroBinary.WriteFloat(o, 1.0f)));
        Assert.Equal("000000000000F03F", Encode(o => AvroBinary.WriteDouble(o, 1.0)));
        Assert.Equal("000000000000F8FF", Encode(o => AvroBinary.WriteDouble(o, -double.NaN)));
        Assert.Equal("06666F6F", Encode(o => AvroBinary.WriteString(o, "foo")));
        Assert.Equal("06666F6F", Encode(o => AvroBinary.WriteString(o, "foo"u8)));
        Assert.Equal("0A636166C3A9", Encode(o => AvroBinary.WriteString(o, "café")));
        Assert.Equal("00", Encode(o => AvroBinary.WriteString(o, string.Empty)));
        Assert.Equal("0600FF10", Encode(o => AvroBinary.WriteBytes(o, [0x00, 0xFF, 0x10])));
    }

    [Fact]
    public void The_specification_examples_encode_byte_exact()
    {
        // Record {"a": long 27, "b": string "foo"} → 36 06 66 6f 6f.
        Assert.Equal("3606666F6F", Encode(o =>
        {
            AvroBinary.WriteLong(o, 27);
            AvroBinary.WriteString(o, "foo");
        }));

        // Array of longs [3, 27] → 04 06 36 00.
        Assert.Equal("04063600", Encode(o =>
        {
            AvroBinary.WriteBlockCount(o, 2);
            AvroBinary.WriteLong(o, 3);
            AvroBinary.WriteLong(o, 27);
            AvroBinary.WriteBlockEnd(o);
        }));

        // Union ["null","string"]: null → 00; "a" → 02 02 61.
        Assert.Equal("00", Encode(o => AvroBinary.WriteUnionIndex(o, 0)));
        Assert.Equal("020261", Encode(o =>
        {
            AvroBinary.WriteUnionIndex(o, 1);
            AvroBinary.WriteString(o, "a");
        }));
    }

    [Fact]
    public void A_string_with_a_lone_surrogate_is_an_error_not_a_replacement()
    {
        var output = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<AvroException>(() => AvroBinary.WriteString(output, "a\uD800b"));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Long_strings_and_bytes_are_written_whole()
    {
        var text = new string('é', 100_000);
        var output = new ArrayBufferWriter<byte>();

        AvroBinary.WriteString(output, text);

        Assert.Equal(3 + 200_000, output.WrittenCount);
        Assert.Equal("80B518", Convert.ToHexString(output.WrittenSpan[..3]));
    }

    [Fact]
    public void Writing_allocates_nothing()
    {
        var output = new ArrayBufferWriter<byte>(1 << 16);
        const string text = "résumé token 0123456789";
        ReadOnlySpan<byte> bytes = [1, 2, 3, 4];
        WriteAll(output, text, bytes);
        output.ResetWrittenCount();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            WriteAll(output, text, bytes);
            output.ResetWrittenCount();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void WriteAll(ArrayBufferWriter<byte> output, string text, ReadOnlySpan<byte> bytes)
    {
        AvroBinary.WriteBoolean(output, true);
        AvroBinary.WriteInt(output, int.MinValue);
        AvroBinary.WriteLong(output, long.MaxValue);
        AvroBinary.WriteFloat(output, 1.5f);
        AvroBinary.WriteDouble(output, 2.5);
        AvroBinary.WriteBytes(output, bytes);
        AvroBinary.WriteString(output, "abc"u8);
        AvroBinary.WriteString(output, text);
        AvroBinary.WriteUnionIndex(output, 1);
        AvroBinary.WriteBlockCount(output, 3);
        AvroBinary.WriteBlockEnd(output);
    }

    private static string Encode(Action<ArrayBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Convert.ToHexString(output.WrittenSpan);
    }
}
