using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Tests.Corpus;

/// <summary>BSON → Extended JSON against the corpus "valid" cases (bson_to_native then native_to_*_extended_json).</summary>
public sealed class BsonCorpusWriterTests
{
    public static TheoryData<string> ValidCases => BsonCorpus.Cases("valid");

    public static TheoryData<string> RelaxedCases => BsonCorpus.Cases("valid", c => c.TryGetProperty("relaxed_extjson", out _));

    public static TheoryData<string> DegenerateBsonCases => BsonCorpus.Cases("valid", c => c.TryGetProperty("degenerate_bson", out _));

    [CorpusTheory]
    [MemberData(nameof(ValidCases))]
    public void Canonical_bson_is_valid_and_writes_the_canonical_extjson(string id)
    {
        var testCase = BsonCorpus.Get(id, "valid");
        var bson = testCase.Bytes("canonical_bson")!;

        BsonValidator.Validate(bson);
        var json = ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Canonical);

        AssertSameJson(testCase.Text("canonical_extjson")!, json);
    }

    [CorpusTheory]
    [MemberData(nameof(RelaxedCases))]
    public void Canonical_bson_writes_the_relaxed_extjson(string id)
    {
        var testCase = BsonCorpus.Get(id, "valid");

        var json = ExtendedJsonWriter.ToJson(testCase.Bytes("canonical_bson")!, ExtendedJsonMode.Relaxed);

        AssertSameJson(testCase.Text("relaxed_extjson")!, json);
    }

    [CorpusTheory]
    [MemberData(nameof(DegenerateBsonCases))]
    public void Degenerate_bson_writes_the_canonical_extjson(string id)
    {
        var testCase = BsonCorpus.Get(id, "valid");
        var bson = testCase.Bytes("degenerate_bson")!;

        BsonValidator.Validate(bson);
        var json = ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Canonical);

        AssertSameJson(testCase.Text("canonical_extjson")!, json);
    }

    internal static void AssertSameJson(string expected, string actual)
    {
        var difference = JsonSemanticComparer.Difference(expected, actual);
        Assert.True(difference is null, $"{difference}\nexpected: {expected}\nactual:   {actual}");
    }
}
