namespace Cdc.Connector.Tests.Configuration;

/// <summary>Issue 5: every configuration error message asserted, word for word.</summary>
public sealed class ConfigurationErrorCatalogTests
{
    public static TheoryData<string> CaseNames() => [.. ConfigurationErrorCatalog.Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_error_reads_exactly_as_catalogued(string name)
    {
        var (problems, expected) = ConfigurationErrorCatalog.Cases[name];

        var actual = problems();

        Assert.True(actual.Contains(expected), $"Expected the problem\n  {expected}\nbut the load reported\n  {string.Join("\n  ", actual)}");
    }
}
