namespace Cdc.Connector.Configuration;

internal sealed class SchemaRegistrySettings
{
    /// <summary>One URL, or several separated by commas (failover).</summary>
    public string? Url { get; set; }

    /// <summary>user:password. A secret: never echoed in messages.</summary>
    public string? BasicAuth { get; set; }

    /// <summary>topic | record | topicRecord: Confluent's TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy.</summary>
    public string SubjectNameStrategy { get; set; } = "topic";
}
