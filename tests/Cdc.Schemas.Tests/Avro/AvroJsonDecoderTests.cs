using System.Buffers;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Tests.Avro;

public sealed class AvroJsonDecoderTests
{
    private static readonly AvroSchema Everything = AvroSchema.Parse("""
        {"type":"record","name":"All","namespace":"t","fields":[
          {"name":"n","type":"null"},
          {"name":"b","type":"boolean"},
          {"name":"i","type":"int"},
          {"name":"l","type":"long"},
          {"name":"f","type":"float"},
          {"name":"d","type":"double"},
          {"name":"bytes","type":"bytes"},
          {"name":"s","type":"string"},
          {"name":"e","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"]}},
          {"name":"fx","type":{"type":"fixed","name":"Two","size":2}},
          {"name":"arr","type":{"type":"array","items":"long"}},
          {"name":"map","type":{"type":"map","values":["null","string"]}},
          {"name":"u1","type":["null","string"]},
          {"name":"u2","type":["null","string"]},
          {"name":"next","type":["null","All"]}
        ]}
        """);

    [Fact]
    public void Decodes_every_type_to_plain_json_in_field_order()
    {
        var output = new ArrayBufferWriter<byte>();
        WriteAll(output, withNext: true);

        var json = AvroJsonDecoder.Decode(Everything, output.WrittenSpan);

        const string inner = "{\"n\":null,\"b\":true,\"i\":-2147483648,\"l\":9223372036854775807,\"f\":1.5,\"d\":-0.25,"
            + "\"bytes\":\"AP8=\",\"s\":\"café \\\"q\\\"\",\"e\":\"GREEN\",\"fx\":\"q7s=\",\"arr\":[3,27,-1],"
            + "\"map\":{\"k1\":\"v\",\"k2\":null},\"u1\":null,\"u2\":\"x\",\"next\":";
        Assert.Equal(inner + inner + "null}}", json);
    }

    [Fact]
    public void Decodes_blocks_with_negative_counts_and_byte_sizes()
    {
        var schema = AvroSchema.Parse("""{"type":"array","items":"int"}""");
        var output = new ArrayBufferWriter<byte>();
        AvroBinary.WriteBlockCount(output, -2);
        AvroBinary.WriteLong(output, 2);
        AvroBinary.WriteInt(output, 1);
        AvroBinary.WriteInt(output, 2);
        AvroBinary.WriteBlockCount(output, 1);
        AvroBinary.WriteInt(output, 3);
        AvroBinary.WriteBlockEnd(output);

        Assert.Equal("[1,2,3]", AvroJsonDecoder.Decode(schema, output.WrittenSpan));
    }

    [Theory]
    [InlineData("\"float\"", "0000C07F", "\"NaN\"")]
    [InlineData("\"double\"", "000000000000F07F", "\"Infinity\"")]
    [InlineData("\"double\"", "000000000000F0FF", "\"-Infinity\"")]
    [InlineData("{\"type\":\"array\",\"items\":\"null\"}", "0600", "[null,null,null]")]
    [InlineData("{\"type\":\"record\",\"name\":\"E\",\"fields\":[]}", "", "{}")]
    public void Decodes_edge_values(string schemaJson, string hex, string expected)
    {
        Assert.Equal(expected, AvroJsonDecoder.Decode(AvroSchema.Parse(schemaJson), Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData("\"long\"", "", "Truncated data: a varint starting at offset 0")]
    [InlineData("\"long\"", "80", "Truncated data: a varint starting at offset 0")]
    [InlineData("\"long\"", "FFFFFFFFFFFFFFFFFF02", "more than 64 bits")]
    [InlineData("\"int\"", "8080808020", "outside the 32-bit range")]
    [InlineData("\"string\"", "0661", "length 3 but only 1 bytes remain")]
    [InlineData("\"string\"", "03", "negative length -2")]
    [InlineData("\"bytes\"", "01", "negative length -1")]
    [InlineData("\"string\"", "04C328", "Invalid UTF-8 in the string at offset 0")]
    [InlineData("\"double\"", "000000", "needs 8 bytes but only 3 remain")]
    [InlineData("\"boolean\"", "02", "Invalid boolean at offset 0")]
    [InlineData("[\"null\",\"int\"]", "04", "Invalid union index 2 at offset 0")]
    [InlineData("[\"null\",\"int\"]", "01", "Invalid union index -1 at offset 0")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", "02", "Invalid enum index 1 at offset 0")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}", "0102", "needs 4 bytes but only 2 remain")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "040202", "Truncated data: a varint starting at offset 3")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "FEFFFFFF0F", "more items than")]
    [InlineData("{\"type\":\"array\",\"items\":\"null\"}", "FEFFFFFF0F", "more items than")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "0103", "Invalid block size -2 at offset 1")]
    [InlineData("{\"type\":\"map\",\"values\":\"int\"}", "0202FF02", "Invalid UTF-8 in the map key at offset 1")]
    [InlineData("\"int\"", "0202", "1 trailing bytes after the value, at offset 1 of 2")]
    public void Bad_data_throws_an_error_with_the_offset(string schemaJson, string hex, string expectedFragment)
    {
        var schema = AvroSchema.Parse(schemaJson);
        var data = Convert.FromHexString(hex);

        var error = Assert.Throws<AvroException>(() => AvroJsonDecoder.Decode(schema, data));

        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_recursive_data_is_an_error_not_a_stack_overflow()
    {
        var schema = AvroSchema.Parse("""{"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]}""");
        var data = new byte[10_001];
        Array.Fill(data, (byte)0x02, 0, 10_000);

        var error = Assert.Throws<AvroException>(() => AvroJsonDecoder.Decode(schema, data));

        Assert.Contains("nested more than", error.Message, StringComparison.Ordinal);
    }

    private static void WriteAll(ArrayBufferWriter<byte> output, bool withNext)
    {
        AvroBinary.WriteBoolean(output, true);
        AvroBinary.WriteInt(output, int.MinValue);
        AvroBinary.WriteLong(output, long.MaxValue);
        AvroBinary.WriteFloat(output, 1.5f);
        AvroBinary.WriteDouble(output, -0.25);
        AvroBinary.WriteBytes(output, [0x00, 0xFF]);
        AvroBinary.WriteString(output, "café \"q\"");
        AvroBinary.WriteInt(output, 1);
        output.Write<byte>([0xAB, 0xBB]);
        AvroBinary.WriteBlockCount(output, 2);
        AvroBinary.WriteLong(output, 3);
        AvroBinary.WriteLong(output, 27);
        AvroBinary.WriteBlockCount(output, 1);
        AvroBinary.WriteLong(output, -1);
        AvroBinary.WriteBlockEnd(output);
        AvroBinary.WriteBlockCount(output, 2);
        AvroBinary.WriteString(output, "k1"u8);
        AvroBinary.WriteUnionIndex(output, 1);
        AvroBinary.WriteString(output, "v");
        AvroBinary.WriteString(output, "k2");
        AvroBinary.WriteUnionIndex(output, 0);
        AvroBinary.WriteBlockEnd(output);
        AvroBinary.WriteUnionIndex(output, 0);
        AvroBinary.WriteUnionIndex(output, 1);
        AvroBinary.WriteString(output, "x");
        if (withNext)
        {
            AvroBinary.WriteUnionIndex(output, 1);
            WriteAll(output, withNext: false);
        }
        else
        {
            AvroBinary.WriteUnionIndex(output, 0);
        }
    }
}
