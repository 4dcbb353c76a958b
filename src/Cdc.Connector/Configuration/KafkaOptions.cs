namespace Cdc.Connector.Configuration;

internal sealed class KafkaOptions
{
    public string? BootstrapServers { get; set; }

    public string TopicPrefix { get; set; } = "cdc";

    /// <summary>"db.coll" → topic name overrides.</summary>
    public Dictionary<string, string> Topics { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Any librdkafka producer property, passed through.</summary>
    public Dictionary<string, string> Producer { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where a record Kafka cannot take (over the broker's size limit) goes; unset means such a record stops the connector.</summary>
    public string? DeadLetterTopic { get; set; }
}
