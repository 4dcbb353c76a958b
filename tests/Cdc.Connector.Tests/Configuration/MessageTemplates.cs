using System.Text;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>
/// The message templates of the configuration loader's source: the first string literal at each place a problem is
/// reported (problems.Add, a ConfigurationException, Report(problems, "…")), every requirement ("must …", a value check's
/// "is not …", a parser's problem = "…") and the unknown-key sentences, each cut into the literal fragments between its
/// interpolation holes.
/// </summary>
internal static class MessageTemplates
{
    private static readonly string[] Markers =
    [
        "problems.Add($\"", "problems.Add(\"", "ConfigurationException($\"", "ConfigurationException(\"", "Report(problems, \"",
        "\"must ", "$\"Unknown configuration key", "$\" Did you mean", "$\"Known ",
        "? $\"is not ", "problem = \"", "problem = $\"",
    ];

    public static IEnumerable<(string Site, IReadOnlyList<string> Fragments)> In(string directory) =>
        In(Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal));

    public static IEnumerable<(string Site, IReadOnlyList<string> Fragments)> In(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd().EndsWith("new ConfigurationException(", StringComparison.Ordinal) && i + 1 < lines.Length
                    ? lines[i + 1]
                    : lines[i];
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var marker in Markers)
                {
                    var at = line.IndexOf(marker, StringComparison.Ordinal);
                    if (at >= 0 || (marker == "ConfigurationException($\"" && line != lines[i] && line.TrimStart().StartsWith("$\"", StringComparison.Ordinal)))
                    {
                        var quote = line.IndexOf('"', Math.Max(at, 0));
                        yield return ($"{Path.GetFileName(file)}:{i + 1}", Fragments(line, quote));
                        break;
                    }
                }
            }
        }
    }

    /// <summary>The literal text of the string starting at <paramref name="quote"/>, split at its holes; quotes inside holes do not end it.</summary>
    private static string[] Fragments(string line, int quote)
    {
        var interpolated = quote > 0 && line[quote - 1] == '$';
        var fragments = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        for (var i = quote + 1; i < line.Length; i++)
        {
            var c = line[i];
            if (depth > 0)
            {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                continue;
            }

            if (c == '\\' && i + 1 < line.Length)
            {
                current.Append(line[++i]);
            }
            else if (c == '"')
            {
                break;
            }
            else if (interpolated && (c == '{' || c == '}') && i + 1 < line.Length && line[i + 1] == c)
            {
                current.Append(c);
                i++;
            }
            else if (interpolated && c == '{')
            {
                fragments.Add(current.ToString());
                current.Clear();
                depth = 1;
            }
            else
            {
                current.Append(c);
            }
        }

        fragments.Add(current.ToString());
        return fragments.Where(fragment => fragment.Length > 0).ToArray();
    }
}
