using Cdc.Schemas.Tests.Corpus;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>The corpus tests' semantic JSON comparison, with a label for the failing item.</summary>
internal static class BsonCorpusWriterTestsBridge
{
    public static void AssertSameJson(string expected, string actual, string label)
    {
        var difference = JsonSemanticComparer.Difference(expected, actual);
        Assert.True(difference is null, $"{label}: {difference}\nexpected: {expected}\nactual:   {actual}");
    }
}
