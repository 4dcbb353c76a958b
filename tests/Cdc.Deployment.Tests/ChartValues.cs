using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Tests.Shared;

namespace Cdc.Deployment.Tests;

/// <summary>
/// Runs tests/js/chart/check-values.mjs: Helm's values.yaml overlaid by value files and mutations, validated with ajv
/// (strict) against values.schema.json. Helm itself is not installed here, so this is how the chart's values are read.
/// </summary>
internal static class ChartValues
{
    public static string ChartDirectory => Path.Combine(RepositoryRoot.Path, "charts", "cdc-connector");

    public static IReadOnlyList<string> CiValueFiles =>
        Directory.GetFiles(Path.Combine(ChartDirectory, "ci"), "*.yaml")
            .Select(path => "ci/" + Path.GetFileName(path))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static ChartValuesResult Check(ChartValuesCase valuesCase) => CheckAll([valuesCase])[0];

    public static IReadOnlyList<ChartValuesResult> CheckAll(IReadOnlyList<ChartValuesCase> cases)
    {
        var request = new JsonObject
        {
            ["chart"] = ChartDirectory,
            ["cases"] = new JsonArray(cases.Select(ToJson).ToArray<JsonNode?>()),
        };
        var output = NodeScript.Run(Path.Combine("chart", "check-values.mjs"), request.ToJsonString(), TimeSpan.FromSeconds(60));
        var results = JsonNode.Parse(output)!["cases"]!.AsArray();
        Assert.Equal(cases.Count, results.Count);
        return results.Select(result => new ChartValuesResult(
                result!["name"]!.GetValue<string>(),
                result["valid"]!.GetValue<bool>(),
                result["errors"]!.AsArray().Select(error => error!.GetValue<string>()).ToArray(),
                result["values"]!.AsObject()))
            .ToArray();
    }

    /// <summary>The chart's defaults, values.yaml alone.</summary>
    public static JsonObject Defaults() => Check(new ChartValuesCase("defaults")).Values;

    public static JsonObject Schema() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(ChartDirectory, "values.schema.json")))!.AsObject();

    private static JsonObject ToJson(ChartValuesCase valuesCase)
    {
        var mutations = new JsonArray();
        foreach (var mutation in valuesCase.Mutations)
        {
            var json = new JsonObject { ["path"] = new JsonArray(mutation.Path.Select(key => (JsonNode?)key).ToArray()) };
            if (mutation.Remove)
            {
                json["remove"] = true;
            }
            else
            {
                json["value"] = mutation.Value is null ? null : JsonNode.Parse(JsonSerializer.Serialize(mutation.Value));
            }

            mutations.Add(json);
        }

        return new JsonObject
        {
            ["name"] = valuesCase.Name,
            ["files"] = new JsonArray(valuesCase.Files.Select(file => (JsonNode?)file).ToArray()),
            ["mutations"] = mutations,
        };
    }
}
