using System.Buffers;
using Cdc.Schemas.Registry;

namespace Cdc.Schemas.Tests.Registry;

public sealed class SchemaRegistryFramingTests
{
    [Theory]
    [InlineData(0, "0000000000")]
    [InlineData(1, "0000000001")]
    [InlineData(0x01020304, "0001020304")]
    [InlineData(int.MaxValue, "007FFFFFFF")]
    public void WriteHeader_writes_the_magic_byte_and_a_big_endian_id(int id, string hex)
    {
        var output = new ArrayBufferWriter<byte>();

        SchemaRegistryFraming.WriteHeader(output, id);

        Assert.Equal(hex, Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void A_framed_message_round_trips()
    {
        var output = new ArrayBufferWriter<byte>();
        SchemaRegistryFraming.WriteHeader(output, 4242);
        output.Write<byte>([0x06, 0x66, 0x6F, 0x6F]);

        var id = SchemaRegistryFraming.ReadSchemaId(output.WrittenSpan, out var payload);

        Assert.Equal(4242, id);
        Assert.Equal("06666F6F", Convert.ToHexString(payload));
    }

    [Fact]
    public void An_empty_payload_is_allowed()
    {
        Assert.Equal(7, SchemaRegistryFraming.ReadSchemaId([0, 0, 0, 0, 7], out var payload));
        Assert.True(payload.IsEmpty);
    }

    [Theory]
    [InlineData("", "has 0")]
    [InlineData("00000001", "has 4")]
    [InlineData("0100000001", "magic byte 0x01")]
    [InlineData("FF0000000106", "magic byte 0xFF")]
    public void Short_or_unframed_input_is_a_FormatException(string hex, string expected)
    {
        var data = Convert.FromHexString(hex);

        var error = Assert.Throws<FormatException>(() => SchemaRegistryFraming.ReadSchemaId(data, out _));

        Assert.Contains(expected, error.Message);
    }
}
