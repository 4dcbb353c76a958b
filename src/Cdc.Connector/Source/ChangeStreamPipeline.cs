using System.Text;
using System.Text.Json;
using Cdc.Connector.Configuration;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Source;

/// <summary>
/// The stages the change stream runs after its own <c>$changeStream</c> stage, each as a BSON document: the namespace
/// <c>$match</c> (if any), then the user's stages. The user's stages are Extended JSON ({"$date": …} and the like
/// become BSON types); a stage that does not convert is a <see cref="ConfigurationException"/> naming its index in
/// mongodb.pipeline.
/// </summary>
internal static class ChangeStreamPipeline
{
    public static IReadOnlyList<byte[]> Build(MongoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stages = new List<byte[]>(options.Pipeline.Count + 1);
        if (NamespaceFilter.Compile(options.IncludeNamespaces, options.ExcludeNamespaces) is { } match)
        {
            stages.Add(match);
        }

        for (var stage = 0; stage < options.Pipeline.Count; stage++)
        {
            stages.Add(ConvertStage(options, stage));
        }

        return stages;
    }

    private static byte[] ConvertStage(MongoDbOptions options, int stage)
    {
        var node = options.Pipeline[stage];
        if (node is null || node.GetValueKind() != JsonValueKind.Object)
        {
            throw new ConfigurationException($"'mongodb.pipeline[{stage}]' must be an aggregation stage object like {{\"$match\": {{…}}}}.");
        }

        try
        {
            return ExtendedJsonParser.ParseDocument(Encoding.UTF8.GetBytes(node.ToJsonString()));
        }
        catch (ExtendedJsonException error)
        {
            throw new ConfigurationException($"'mongodb.pipeline[{stage}]' is not valid Extended JSON: {error.Message}", error);
        }
    }
}
