using Cdc.Schemas.Registry;

namespace Cdc.Connector.Configuration;

/// <summary>
/// schemaRegistry.subjectNameStrategy as the registry code names it. `cdc run` wires its schema-id cache with it and
/// `cdc check` names the subjects it checks with it, so both read the key here, where the configuration is read.
/// </summary>
internal static class SubjectNameStrategyParser
{
    public static SubjectNameStrategy Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.ToUpperInvariant() switch
        {
            "TOPIC" => SubjectNameStrategy.Topic,
            "RECORD" => SubjectNameStrategy.Record,
            "TOPICRECORD" => SubjectNameStrategy.TopicRecord,
            _ => throw new ConfigurationException($"schemaRegistry.subjectNameStrategy: '{value}' is not one of topic, record, topicRecord."),
        };
    }
}
