using System.Text.Json.Nodes;

namespace Cdc.Integration.Tests;

/// <summary>
/// A `cdc run` configuration for one test: the fixture's endpoints, a file checkpoint in the test's directory, a
/// short checkpoint interval so tests see commits quickly, and http.port 0 so parallel connectors never collide.
/// Tests adjust the returned JSON (scope, filters, pipeline bounds) before starting the connector.
/// </summary>
internal static class ConnectorConfig
{
    public const string CheckpointFileName = "checkpoint.json";

    public static JsonObject Create(ItEndpoints endpoints, string pipelineName, string topicPrefix, string directory, JsonObject mongodbScope)
    {
        var mongodb = new JsonObject { ["uri"] = endpoints.MongoDbUri, ["maxAwaitTimeMs"] = 200 };
        foreach (var (name, value) in mongodbScope)
        {
            mongodb[name] = value?.DeepClone();
        }

        return new JsonObject
        {
            ["mongodb"] = mongodb,
            // gzip, not the default lz4: only it/read-kafka.mjs registers an lz4 codec for kafkajs, the other kafkajs scripts read gzip only (the default lz4 is read from outside in DemoTests).
            ["kafka"] = new JsonObject
            {
                ["bootstrapServers"] = endpoints.KafkaBootstrapServers,
                ["topicPrefix"] = topicPrefix,
                ["producer"] = new JsonObject { ["compression.type"] = "gzip" },
            },
            ["schemaRegistry"] = new JsonObject { ["url"] = endpoints.SchemaRegistryUrl },
            // The tests of changes run without a snapshot: a sentinel written after the stream opened would also come as a
            // snapshot row (docs/snapshots.md). SnapshotTests and the demo set their own snapshot.* keys.
            ["snapshot"] = new JsonObject { ["mode"] = "never" },
            ["checkpoint"] = new JsonObject { ["store"] = "file", ["path"] = Path.Combine(directory, CheckpointFileName), ["intervalMs"] = 200 },
            ["http"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = 0 },
            ["pipeline"] = new JsonObject { ["name"] = pipelineName, ["restartBackoffMs"] = 200, ["restartBackoffMaxMs"] = 2000 },
        };
    }

    public static JsonObject DatabaseScope(string database) => new() { ["scope"] = "database", ["database"] = database };

    public static JsonObject CollectionScope(string database, string collection) =>
        new() { ["scope"] = "collection", ["database"] = database, ["collection"] = collection };

    /// <summary>Cluster scope limited to <paramref name="databases"/>, so tests sharing a sandbox do not see each other.</summary>
    public static JsonObject ClusterScope(params string[] databases) =>
        new() { ["scope"] = "cluster", ["includeNamespaces"] = new JsonArray(databases.Select(d => (JsonNode)d).ToArray()) };
}
