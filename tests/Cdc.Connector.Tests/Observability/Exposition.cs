using System.Globalization;
using System.Text.RegularExpressions;

namespace Cdc.Connector.Tests.Observability;

/// <summary>
/// A /metrics body read line by line, strictly: # TYPE and # HELP lines, and sample lines <c>name{a="x",b="y"} value</c>
/// (labels optional, no timestamp). Anything else fails the test that reads it.
/// </summary>
internal sealed partial class Exposition
{
    private Exposition(Dictionary<string, string> types, Dictionary<string, string> helps, List<Sample> samples)
    {
        Types = types;
        Helps = helps;
        Samples = samples;
    }

    /// <summary>Family name → counter, gauge or histogram.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyDictionary<string, string> Helps { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public static Exposition Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        foreach (var line in text[..^1].Split('\n'))
        {
            if (TypeLine().Match(line) is { Success: true } type)
            {
                Assert.True(types.TryAdd(type.Groups["name"].Value, type.Groups["type"].Value), $"Second # TYPE line: {line}");
            }
            else if (HelpLine().Match(line) is { Success: true } help)
            {
                Assert.True(helps.TryAdd(help.Groups["name"].Value, help.Groups["help"].Value), $"Second # HELP line: {line}");
            }
            else if (SampleLine().Match(line) is { Success: true } sample)
            {
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (Match label in Label().Matches(sample.Groups["labels"].Value))
                {
                    labels.Add(label.Groups["name"].Value, label.Groups["value"].Value);
                }

                samples.Add(new Sample(
                    sample.Groups["name"].Value, labels, double.Parse(sample.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture), line));
            }
            else
            {
                Assert.Fail($"Not a line of the Prometheus text format as the connector writes it: \"{line}\"");
            }
        }

        return new Exposition(types, helps, samples);
    }

    /// <summary>The family a sample belongs to: its name, or for a histogram's series the name without _bucket, _sum or _count.</summary>
    public string FamilyOf(Sample sample)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sample.Name.EndsWith(suffix, StringComparison.Ordinal) && Types.GetValueOrDefault(sample.Name[..^suffix.Length]) == "histogram")
            {
                return sample.Name[..^suffix.Length];
            }
        }

        return sample.Name;
    }

    public IEnumerable<Sample> Of(string family) => Samples.Where(sample => FamilyOf(sample) == family);

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>counter|gauge|histogram)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^# HELP (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<help>.*)$")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*""(,[a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"")*)\})? (?<value>[-+0-9.eE]+|\+Inf|-Inf|NaN)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>([^""\\]|\\.)*)""")]
    private static partial Regex Label();

    internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, string Line);
}
