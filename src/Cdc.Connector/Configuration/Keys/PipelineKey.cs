using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cdc.Connector.Configuration.Keys;

/// <summary>
/// The change stream's aggregation pipeline: a JSON array of stage documents ({"$match": …}). From text sources
/// the whole array is one JSON value.
/// </summary>
internal sealed class PipelineKey : JsonTextKey
{
    private const string RequirementText = "must be a JSON array of aggregation stages like [{\"$match\": {…}}]";
    private readonly Action<CdcOptions, JsonArray> _set;

    public PipelineKey(string section, string name, Action<CdcOptions, JsonArray> set)
        : base(section, name)
    {
        _set = set;
    }

    protected override string Requirement => RequirementText;

    public override void SetFromJson(CdcOptions options, JsonElement value, ValueOrigin origin, ConfigurationProblems problems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(problems, RequirementText, value, origin);
            return;
        }

        var index = 0;
        var valid = true;
        foreach (var stage in value.EnumerateArray())
        {
            if (!IsStage(stage))
            {
                problems.Add($"'{Path}[{index}]' must be one aggregation stage, an object with a single \"$…\" field like {{\"$match\": {{…}}}}; got {ValueText.Describe(stage, secret: false)}{origin.Suffix}.");
                valid = false;
            }

            index++;
        }

        if (valid)
        {
            _set(options, (JsonArray)JsonNode.Parse(value.GetRawText())!);
        }
    }


    private static bool IsStage(JsonElement stage)
    {
        if (stage.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var count = 0;
        foreach (var field in stage.EnumerateObject())
        {
            if (!field.Name.StartsWith('$'))
            {
                return false;
            }

            count++;
        }

        return count == 1;
    }
}
