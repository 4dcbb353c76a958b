namespace Cdc.Connector.Configuration;

/// <summary>The whole configuration (docs/configuration.md), bound from JSON + CDC__ environment variables + --set.</summary>
internal sealed class CdcOptions
{
    public MongoDbOptions MongoDb { get; set; } = new();

    public KafkaOptions Kafka { get; set; } = new();

    public SchemaRegistrySettings SchemaRegistry { get; set; } = new();

    public MappingSettings Mapping { get; set; } = new();

    public SnapshotOptions Snapshot { get; set; } = new();

    public CheckpointOptions Checkpoint { get; set; } = new();

    public HttpOptions Http { get; set; } = new();

    public PipelineOptions Pipeline { get; set; } = new();

    public LoggingOptions Logging { get; set; } = new();

    public TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>Where each map entry's value came from, by its full key ("kafka.producer.linger.ms"), for messages.</summary>
    public Dictionary<string, ValueOrigin> EntryOrigins { get; } = new(StringComparer.Ordinal);

    /// <summary>" (in --set kafka.producer.linger.ms)" for a map entry set by a source, else empty: a message's ending.</summary>
    public string OriginOf(string key) => EntryOrigins.TryGetValue(key, out var origin) ? origin.Suffix : string.Empty;
}
