namespace Cdc.Connector.Configuration;

/// <summary>The whole configuration of DESIGN.md, bound from JSON + CDC__ environment variables + --set.</summary>
internal sealed class CdcOptions
{
    public MongoDbOptions MongoDb { get; set; } = new();

    public KafkaOptions Kafka { get; set; } = new();

    public SchemaRegistrySettings SchemaRegistry { get; set; } = new();

    public MappingSettings Mapping { get; set; } = new();

    public CheckpointOptions Checkpoint { get; set; } = new();

    public HttpOptions Http { get; set; } = new();

    public PipelineOptions Pipeline { get; set; } = new();

    public LoggingOptions Logging { get; set; } = new();

    public TelemetryOptions Telemetry { get; set; } = new();
}
