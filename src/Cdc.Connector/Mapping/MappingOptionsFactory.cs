using Cdc.Connector.Configuration;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Mapping;

/// <summary>
/// Turns the configuration into <see cref="MappingOptions"/>, so `cdc run` and `cdc inspect` map events identically.
/// Problems become <see cref="ConfigurationException"/>s naming the configuration key.
/// </summary>
internal static class MappingOptionsFactory
{
    public static MappingOptions Create(CdcOptions options)
    {
        try
        {
            TopicNames.ValidatePrefix(options.Kafka.TopicPrefix);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException($"kafka.topicPrefix: {ex.Message}", ex);
        }

        try
        {
            return new MappingOptions(
                options.Kafka.TopicPrefix, options.Kafka.Topics, options.Mapping.Json, options.Mapping.TombstonesOnDelete, options.Mapping.KeylessEvents, ReservedTopics.From(options),
                options.Mapping.Value, options.Mapping.DeclaredSchemas);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException($"kafka.topics: {ex.Message}", ex);
        }
    }
}
