using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Schemas.Bson;
using Cdc.Connector.Configuration;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Source;

/// <summary>
/// The stages the change stream runs after its own <c>$changeStream</c> stage, each as a BSON document: the namespace
/// <c>$match</c> (if any), then the user's stages, then (when asked) <c>$changeStreamSplitLargeEvent</c>, which must be
/// the last. The user's stages are Extended JSON ({"$date": …} and the like become BSON types); a stage that does not
/// convert is a <see cref="ConfigurationException"/> naming its index in mongodb.pipeline.
/// </summary>
internal static class ChangeStreamPipeline
{
    /// <summary>The stage's name: <c>{$changeStreamSplitLargeEvent: {}}</c>.</summary>
    public const string SplitStageName = "$changeStreamSplitLargeEvent";

    /// <param name="options">The mongodb.* options.</param>
    /// <param name="splitLargeEvents">Whether the stream ends with the split stage (added unless mongodb.pipeline already ends with it).</param>
    public static IReadOnlyList<byte[]> Build(MongoDbOptions options, bool splitLargeEvents = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stages = new List<byte[]>(options.Pipeline.Count + 2);
        if (NamespaceFilter.Compile(options.IncludeNamespaces, options.ExcludeNamespaces) is { } match)
        {
            stages.Add(match);
        }

        for (var stage = 0; stage < options.Pipeline.Count; stage++)
        {
            stages.Add(ConvertStage(options, stage));
        }

        if (splitLargeEvents && !EndsWithSplitStage(options))
        {
            stages.Add(SplitStage());
        }

        return stages;
    }

    /// <summary>Whether mongodb.pipeline itself ends with $changeStreamSplitLargeEvent (the connector then reassembles the fragments too).</summary>
    public static bool EndsWithSplitStage(MongoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Pipeline.Count > 0
            && options.Pipeline[^1] is JsonObject last
            && last.Count == 1
            && last.ContainsKey(SplitStageName);
    }

    private static byte[] SplitStage()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteStartDocument(SplitStageName);
        writer.WriteEndDocument();
        writer.WriteEndDocument();
        return writer.ToArray();
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
