using Cdc.Tests.Shared;

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

    [Fact]
    public void Every_message_template_of_the_loader_appears_in_a_catalogued_message()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "src", "Cdc.Connector", "Configuration");
        var messages = ConfigurationErrorCatalog.Cases.Values.Select(c => c.Expected).ToArray();
        var templates = MessageTemplates.In(directory).ToArray();

        var missing = templates
            .Where(template => !messages.Any(message => ContainsInOrder(message, template.Fragments)))
            .Select(template => $"{template.Site}: {string.Join(" … ", template.Fragments)}")
            .ToArray();

        // A scan that finds nothing would pass vacuously.
        Assert.True(templates.Length >= 50, $"Only {templates.Length} templates found: the scan is broken.");
        Assert.True(missing.Length == 0, "Templates no catalogued message shows:\n" + string.Join("\n", missing));
    }

    private static bool ContainsInOrder(string message, IReadOnlyList<string> fragments)
    {
        var position = 0;
        foreach (var fragment in fragments)
        {
            var at = message.IndexOf(fragment, position, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            position = at + fragment.Length;
        }

        return true;
    }
}
