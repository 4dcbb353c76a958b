using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Tests.Corpus;

/// <summary>Extended JSON → BSON against the corpus (json_to_native then native_to_bson / native_to_*_extended_json).</summary>
public sealed class BsonCorpusParserTests
{
    public static TheoryData<string> ValidCases => BsonCorpus.Cases("valid");

    public static TheoryData<string> LosslessCases => BsonCorpus.Cases("valid", c => !(c.TryGetProperty("lossy", out var lossy) && lossy.GetBoolean()));

    public static TheoryData<string> DegenerateJsonCases => BsonCorpus.Cases("valid", c => c.TryGetProperty("degenerate_extjson", out _));

    public static TheoryData<string> RelaxedCases => BsonCorpus.Cases("valid", c => c.TryGetProperty("relaxed_extjson", out _));

    public static TheoryData<string> DegenerateBsonCases => BsonCorpus.Cases("valid", c => c.TryGetProperty("degenerate_bson", out _));

    public static TheoryData<string> ParseErrorCases => BsonCorpus.Cases("parseErrors");

    public static TheoryData<string> ConvertedCases => BsonCorpus.Cases("valid", c => c.TryGetProperty("converted_bson", out _));

    [CorpusTheory]
    [MemberData(nameof(LosslessCases))]
    public void Canonical_extjson_parses_to_the_canonical_bson(string id)
    {
        var testCase = BsonCorpus.Get(id, "valid");

        var bson = ExtendedJsonParser.ParseDocument(testCase.Text("canonical_extjson")!);

        Assert.Equal(Convert.ToHexString(testCase.Bytes("canonical_bson")!), Convert.ToHexString(bson));
    }

    [CorpusTheory]
    [MemberData(nameof(ValidCases))]
    public void Canonical_extjson_round_trips_through_bson(string id)
    {
        var testCase = BsonCorpus.Get(id, "valid");
        var canonical = testCase.Text("canonical_extjson")!;

        var json = ExtendedJsonWriter.ToJson(ExtendedJsonParser.ParseDocument(canonical), ExtendedJsonMode.Canonical);

        BsonCorpusWriterTests.AssertSameJson(canonical, json);
    }

    [CorpusTheory]
    [MemberData(nameof(DegenerateJsonCases))]
    public void Degenerate_extjson_parses_to_the_canonical_form(string id)
    {
        var testCase = BsonCorpus.Get(id, "valid");

        var bson = ExtendedJsonParser.ParseDocument(testCase.Text("degenerate_extjson")!);

        BsonCorpusWriterTests.AssertSameJson(testCase.Text("canonical_extjson")!, ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Canonical));
        if (!testCase.Lossy)
        {
            Assert.Equal(Convert.ToHexString(testCase.Bytes("canonical_bson")!), Convert.ToHexString(bson));
        }
    }

    [CorpusTheory]
    [MemberData(nameof(RelaxedCases))]
    public void Relaxed_extjson_round_trips_through_bson(string id)
    {
        var testCase = BsonCorpus.Get(id, "valid");
        var relaxed = testCase.Text("relaxed_extjson")!;

        var json = ExtendedJsonWriter.ToJson(ExtendedJsonParser.ParseDocument(relaxed), ExtendedJsonMode.Relaxed);

        BsonCorpusWriterTests.AssertSameJson(relaxed, json);
    }

    [CorpusTheory]
    [MemberData(nameof(DegenerateBsonCases))]
    public void Degenerate_bson_reencodes_to_the_canonical_bson(string id)
    {
        var testCase = BsonCorpus.Get(id, "valid");
        var canonicalJson = ExtendedJsonWriter.ToJson(testCase.Bytes("degenerate_bson")!, ExtendedJsonMode.Canonical);

        var bson = ExtendedJsonParser.ParseDocument(canonicalJson);

        Assert.Equal(Convert.ToHexString(testCase.Bytes("canonical_bson")!), Convert.ToHexString(bson));
    }

    /// <summary>
    /// This code keeps deprecated types (the canonical tests cover that); the converted forms a converting driver
    /// would produce are still ordinary Extended JSON and BSON, so both directions must agree on them too.
    /// </summary>
    [CorpusTheory]
    [MemberData(nameof(ConvertedCases))]
    public void Converted_forms_of_deprecated_types_agree_in_both_directions(string id)
    {
        var testCase = BsonCorpus.Get(id, "valid");
        var convertedBson = testCase.Bytes("converted_bson")!;
        var convertedJson = testCase.Text("converted_extjson")!;

        Assert.Equal(Convert.ToHexString(convertedBson), Convert.ToHexString(ExtendedJsonParser.ParseDocument(convertedJson)));
        BsonCorpusWriterTests.AssertSameJson(convertedJson, ExtendedJsonWriter.ToJson(convertedBson, ExtendedJsonMode.Canonical));
    }

    [CorpusTheory]
    [MemberData(nameof(ParseErrorCases))]
    public void Parse_error_is_rejected(string id)
    {
        var testCase = BsonCorpus.Get(id, "parseErrors");
        var text = testCase.Text("string")!;

        if (testCase.IsDecimal128File)
        {
            // The decimal128 files give the bare $numberDecimal string.
            Assert.Throws<FormatException>(() => Decimal128.Parse(text));
            var wrapped = $"{{\"d\":{{\"$numberDecimal\":{System.Text.Json.JsonSerializer.Serialize(text)}}}}}";
            var error = Assert.Throws<ExtendedJsonException>(() => ExtendedJsonParser.ParseDocument(wrapped));
            Assert.Contains("$.d.$numberDecimal", error.Message, StringComparison.Ordinal);
        }
        else
        {
            var error = Assert.Throws<ExtendedJsonException>(() => ExtendedJsonParser.ParseDocument(text));
            Assert.Contains("$", error.Message, StringComparison.Ordinal);
        }
    }
}
