using System.Text.RegularExpressions;

namespace Cdc.Deployment.Tests;

/// <summary>values.yaml is the chart's reference: every key in it says what it is for.</summary>
public sealed partial class ChartValuesDocumentationTests
{
    [Fact]
    public void Every_key_in_values_yaml_has_a_comment_directly_above_it()
    {
        var lines = File.ReadAllLines(Path.Combine(ChartValues.ChartDirectory, "values.yaml"));
        var keys = 0;
        var undocumented = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!KeyLine().IsMatch(lines[i]))
            {
                continue;
            }

            keys++;
            if (i == 0 || !lines[i - 1].TrimStart().StartsWith('#'))
            {
                undocumented.Add($"line {i + 1}: {lines[i].Trim()}");
            }
        }

        Assert.Empty(undocumented);
        Assert.True(keys > 90, $"only {keys} keys found in values.yaml");
    }

    // A mapping key ("  name: …" or "name:"), not a list item ("- ALL") or a comment.
    [GeneratedRegex(@"^\s*[A-Za-z][A-Za-z0-9_-]*:(\s|$)")]
    private static partial Regex KeyLine();
}
