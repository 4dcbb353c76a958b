using System.Globalization;
using System.Text.Json;

namespace Cdc.Integration.Tests;

/// <summary>
/// One /metrics scrape as parse-prometheus-text-format read it: the HTTP status and content type, and each family's
/// name, type and samples. Values are the parser's strings, read back as doubles here.
/// </summary>
internal sealed class PrometheusScrape
{
    private readonly JsonElement _root;

    private PrometheusScrape(JsonElement root) => _root = root;

    public int Status => _root.GetProperty("status").GetInt32();

    public string? ContentType => _root.GetProperty("contentType").GetString();

    public IEnumerable<JsonElement> Families => _root.GetProperty("families").EnumerateArray();

    public static PrometheusScrape Parse(string scriptOutput)
    {
        using var document = JsonDocument.Parse(scriptOutput);
        return new PrometheusScrape(document.RootElement.Clone());
    }

    public JsonElement? Family(string name)
    {
        foreach (var family in Families)
        {
            if (family.GetProperty("name").GetString() == name)
            {
                return family;
            }
        }

        return null;
    }

    public string? TypeOf(string name) => Family(name)?.GetProperty("type").GetString();

    /// <summary>The value of the single unlabelled sample of <paramref name="name"/>, or null when the family is absent.</summary>
    public double? Value(string name) =>
        Family(name) is { } family && family.GetProperty("metrics").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } sample
            ? Number(sample.GetProperty("value"))
            : null;

    /// <summary>Each sample of <paramref name="name"/> by the value of its <paramref name="label"/>.</summary>
    public Dictionary<string, double> ByLabel(string name, string label)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (Family(name) is { } family)
        {
            foreach (var sample in family.GetProperty("metrics").EnumerateArray())
            {
                values[sample.GetProperty("labels").GetProperty(label).GetString()!] = Number(sample.GetProperty("value"));
            }
        }

        return values;
    }

    /// <summary>The histogram's count, sum and cumulative buckets (by their le text).</summary>
    public (double Count, double Sum, Dictionary<string, double> Buckets) Histogram(string name)
    {
        var family = Family(name) ?? throw new Xunit.Sdk.XunitException($"No histogram {name} in the scrape.");
        var sample = family.GetProperty("metrics")[0];
        var buckets = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var bucket in sample.GetProperty("buckets").EnumerateObject())
        {
            buckets[bucket.Name] = Number(bucket.Value);
        }

        return (Number(sample.GetProperty("count")), Number(sample.GetProperty("sum")), buckets);
    }

    public override string ToString() => _root.GetRawText();

    private static double Number(JsonElement value) => double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
