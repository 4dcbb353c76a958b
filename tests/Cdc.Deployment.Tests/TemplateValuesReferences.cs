using System.Text.RegularExpressions;

namespace Cdc.Deployment.Tests;

/// <summary>
/// Finds the `.Values…` paths a template reads, following `{{ … }}` actions: `with` and `range` rebind `.` until their
/// `end`, `define` starts a named template whose `.` is whatever `include` passes (the chart always passes the root).
/// </summary>
internal static partial class TemplateValuesReferences
{
    public static IReadOnlyList<TemplateValuesReference> Find(string template, string text)
    {
        var references = new List<TemplateValuesReference>();
        // Each open block: true when it rebinds `.` (with, range).
        var blocks = new Stack<bool>();
        foreach (Match action in ActionPattern().Matches(text))
        {
            var body = action.Groups["body"].Value.Trim();
            if (body.StartsWith("/*", StringComparison.Ordinal))
            {
                continue;
            }

            var line = 1 + text.AsSpan(0, action.Index).Count('\n');
            var insideRebinding = blocks.Contains(true);
            foreach (Match reference in ValuesPattern().Matches(body))
            {
                var fromRoot = reference.Groups["dollar"].Success || !insideRebinding;
                references.Add(new TemplateValuesReference(template, line, reference.Groups["path"].Value.TrimStart('.'), fromRoot));
            }

            var keyword = KeywordPattern().Match(body).Groups["keyword"].Value;
            switch (keyword)
            {
                case "with" or "range":
                    blocks.Push(true);
                    break;
                case "if" or "define" or "block":
                    blocks.Push(false);
                    break;
                case "end":
                    Assert.True(blocks.Count > 0, $"{template}:{line}: `end` without an open block");
                    blocks.Pop();
                    break;
                default:
                    break;
            }
        }

        Assert.True(blocks.Count == 0, $"{template}: {blocks.Count} block(s) never closed with `end`");
        return references;
    }

    [GeneratedRegex(@"\{\{-?(?<body>.*?)-?\}\}", RegexOptions.Singleline)]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.$])(?<dollar>\$)?\.Values(?<path>(\.[A-Za-z0-9_]+)+)")]
    private static partial Regex ValuesPattern();

    [GeneratedRegex(@"^(?<keyword>[a-z]+)\b")]
    private static partial Regex KeywordPattern();
}
