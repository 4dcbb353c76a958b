using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Tests.Avro;

/// <summary>
/// Our Parsing Canonical Form equals avsc's, byte for byte, for each schema of <see cref="AvroPeerCases"/>, computed
/// live by avsc in node (<c>JSON.stringify(Type.forSchema(schema).schema())</c>, the form avsc fingerprints).
/// </summary>
public sealed class AvscCanonicalFormTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in AvroPeerCases.Schemas)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Canonical_form_equals_avsc(string name)
    {
        var expected = AvscPeer.Answer(AvscPeer.CanonicalId(name))["canonical"]!.GetValue<string>();

        Assert.Equal(expected, AvroSchema.Parse(Schema(name)).ToCanonicalForm());
    }

    private static string Schema(string name) => AvroPeerCases.Schemas.Single(c => c.Key == name).Value;
}
