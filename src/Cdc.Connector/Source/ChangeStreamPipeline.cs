using System.Globalization;
using System.Text;
using System.Text.Json;
using Cdc.Connector.Configuration;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Source;

/// <summary>
/// The server-side pipeline libmongoc appends after its own <c>$changeStream</c> stage, as the BSON document
/// {"pipeline": [the namespace $match (if any), the user's stages…]}. The user's stages are Extended JSON
/// ({"$date": …} and the like become BSON types); a stage that does not convert is a <see cref="ConfigurationException"/>
/// naming its index in mongodb.pipeline.
/// </summary>
internal static class ChangeStreamPipeline
{
    public static byte[] Build(MongoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteStartArray("pipeline");
        var index = 0;
        if (NamespaceFilter.Compile(options.IncludeNamespaces, options.ExcludeNamespaces) is { } match)
        {
            writer.WriteRawValue(Name(index++), BsonType.Document, match);
        }

        for (var stage = 0; stage < options.Pipeline.Count; stage++)
        {
            writer.WriteRawValue(Name(index++), BsonType.Document, ConvertStage(options, stage));
        }

        writer.WriteEndArray();
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

    private static string Name(int index) => index.ToString(CultureInfo.InvariantCulture);
}
