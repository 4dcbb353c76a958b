using Cdc.Connector.Configuration;
using Cdc.Sandbox.Host;

namespace Cdc.Demo;

/// <summary>
/// The connector configuration of the demo, put through the same loader and checks as `cdc run --set …` so the demo runs
/// exactly what a user would configure: a database change stream on <c>shop</c> that first snapshots the documents
/// already there, topics <c>cdc.shop.*</c>, a file checkpoint, and the operations endpoint on a free port of 127.0.0.1.
/// </summary>
internal static class DemoConnectorOptions
{
    // typedValues: mapping.value=document (with the document of every update looked up) instead of the envelope.
    public static CdcOptions Create(SandboxEndpoints endpoints, string checkpointPath, bool typedValues = false)
    {
        string[] typed = typedValues ? ["mapping.value=document", "mongodb.fullDocument=updateLookup"] : [];
        string[] settings =
        [
            $"mongodb.uri={endpoints.MongoDb}",
            "mongodb.scope=database",
            $"mongodb.database={DemoTopics.Database}",
            $"kafka.bootstrapServers={endpoints.Kafka}",
            $"kafka.topicPrefix={DemoTopics.TopicPrefix}",
            $"schemaRegistry.url={endpoints.SchemaRegistry}",
            // Said although it is the default: the demo starts from a shop that already holds data, and shows its snapshot first.
            "snapshot.mode=initial",
            "checkpoint.store=file",
            $"checkpoint.path={checkpointPath}",
            "pipeline.name=demo",
            "http.host=127.0.0.1",
            "http.port=0",
            // The web page of the published changes (docs/live-view.md): the demo prints its address.
            "http.liveView=true",
            .. typed,
        ];

        // No environment: the demo is the same on every machine, whatever CDC__ variables a shell carries.
        var options = ConfigurationLoader.LoadForRun(null, settings, new Dictionary<string, string>(StringComparer.Ordinal));
        return options;
    }
}
