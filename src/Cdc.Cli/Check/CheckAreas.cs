namespace Cdc.Cli.Check;

/// <summary>The area names `cdc check` prints; they are the configuration sections they check.</summary>
internal static class CheckAreas
{
    public const string Configuration = "configuration";
    public const string MongoDb = "mongodb";
    public const string Kafka = "kafka";
    public const string SchemaRegistry = "schemaRegistry";
    public const string Checkpoint = "checkpoint";
}
