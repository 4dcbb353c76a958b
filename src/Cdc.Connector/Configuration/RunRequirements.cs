namespace Cdc.Connector.Configuration;

/// <summary>What `cdc run` and `cdc check` need beyond a consistent configuration: the endpoints and a checkpoint location.</summary>
internal static class RunRequirements
{
    public static void Check(CdcOptions options, ConfigurationProblems problems)
    {
        Require(options.MongoDb.Uri, "mongodb.uri", "CDC__MONGODB__URI", problems);
        Require(options.Kafka.BootstrapServers, "kafka.bootstrapServers", "CDC__KAFKA__BOOTSTRAPSERVERS", problems);
        Require(options.SchemaRegistry.Url, "schemaRegistry.url", "CDC__SCHEMAREGISTRY__URL", problems);
        switch (options.Checkpoint.Store)
        {
            case CheckpointStoreKind.File:
                Require(options.Checkpoint.Path, "checkpoint.path", "CDC__CHECKPOINT__PATH", problems, "because 'checkpoint.store' is file");
                break;
            case CheckpointStoreKind.Kafka:
                Require(options.Checkpoint.Topic, "checkpoint.topic", "CDC__CHECKPOINT__TOPIC", problems, "because 'checkpoint.store' is kafka");
                break;
            default:
                break;
        }
    }

    private static void Require(string? value, string key, string variable, ConfigurationProblems problems, string? reason = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            var why = reason is null ? string.Empty : $" {reason}";
            problems.AddAcrossKeys($"'{key}' is required to run the connector{why}: set it in the configuration file, with {variable}, or with --set {key}=….");
        }
    }
}
