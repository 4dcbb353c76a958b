using Cdc.Connector.Configuration;
using Cdc.Tests.Shared;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>docs/configuration.md is the user's list of keys: it must not drift from what the loader accepts.</summary>
public sealed class ConfigurationDocumentationTests
{
    private static readonly string Documentation = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "configuration.md"));

    public static TheoryData<string> AcceptedKeys()
    {
        var keys = new TheoryData<string>();
        foreach (var section in ConfigurationSchema.Sections)
        {
            foreach (var entry in section.Entries)
            {
                keys.Add(entry.Path);
            }
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(AcceptedKeys))]
    public void Every_accepted_key_is_in_the_configuration_table(string key)
    {
        // A map key is documented with its entry placeholder: `kafka.producer.<property>`.
        var documented = Documentation.Contains($"| `{key}`", StringComparison.Ordinal)
            || Documentation.Contains($"`{key}`,", StringComparison.Ordinal)
            || Documentation.Contains($", `{key}` |", StringComparison.Ordinal)
            || Documentation.Contains($"| `{key}.<", StringComparison.Ordinal);

        Assert.True(documented, $"docs/configuration.md has no table row for '{key}'.");
    }

    [Fact]
    public void Every_documented_key_is_accepted()
    {
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in ConfigurationSchema.Sections)
        {
            foreach (var entry in section.Entries)
            {
                accepted.Add(entry.Path);
            }
        }

        foreach (var line in Documentation.Split('\n'))
        {
            if (!line.StartsWith("| `", StringComparison.Ordinal))
            {
                continue;
            }

            var cell = line.Split('|')[1];
            foreach (var part in cell.Split(','))
            {
                var key = part.Trim().Trim('`');
                var placeholder = key.IndexOf(".<", StringComparison.Ordinal);
                key = placeholder < 0 ? key : key[..placeholder];
                Assert.True(accepted.Contains(key), $"docs/configuration.md documents '{key}', which the loader does not accept.");
            }
        }
    }
}
