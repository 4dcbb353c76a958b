using System.Text.Json;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Tests.Avro;

/// <summary>
/// Values of a schema with every Avro type cross the boundary both ways, live: avsc decodes what we encoded with
/// <see cref="AvroBinary"/>, and <see cref="AvroJsonDecoder"/> decodes what avsc encoded.
/// </summary>
public sealed class AvscValueTests
{
    private static readonly AvroSchema Schema = AvroSchema.Parse(AvroPeerCases.ValueSchema);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in AvroPeerCases.Values)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Avsc_decodes_our_encoding_to_the_value(string name)
    {
        using var expected = JsonDocument.Parse(Value(name));
        using var decoded = JsonDocument.Parse(AvscPeer.Answer(AvscPeer.DecodeId(name))["value"]!.ToJsonString());

        Assert.True(
            JsonElement.DeepEquals(expected.RootElement, decoded.RootElement),
            $"avsc decoded {decoded.RootElement.GetRawText()}\nexpected {expected.RootElement.GetRawText()}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void We_decode_avscs_encoding_to_the_value(string name)
    {
        using var value = JsonDocument.Parse(Value(name));
        var avscBytes = Convert.FromBase64String(AvscPeer.Answer(AvscPeer.EncodeId(name))["data"]!.GetValue<string>());
        using var expected = JsonDocument.Parse(SchemaShapedValue.ToDecoderJson(Schema, value.RootElement));
        using var decoded = JsonDocument.Parse(AvroJsonDecoder.Decode(Schema, avscBytes));

        Assert.True(
            JsonElement.DeepEquals(expected.RootElement, decoded.RootElement),
            $"we decoded {decoded.RootElement.GetRawText()}\nexpected {expected.RootElement.GetRawText()}");
    }

    private static string Value(string name) => AvroPeerCases.Values.Single(c => c.Key == name).Value;
}
