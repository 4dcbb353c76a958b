using Cdc.Connector.Configuration;
using Cdc.Schemas.ExtendedJson;
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
        var jsonMode = options.Mapping.Json.ToUpperInvariant() switch
        {
            "RELAXED" => ExtendedJsonMode.Relaxed,
            "CANONICAL" => ExtendedJsonMode.Canonical,
            _ => throw new ConfigurationException($"mapping.json: '{options.Mapping.Json}' is not one of relaxed, canonical."),
        };

        var keyless = options.Mapping.KeylessEvents.ToUpperInvariant() switch
        {
            "NAMESPACEKEY" => KeylessEventPolicy.NamespaceKey,
            "NULLKEY" => KeylessEventPolicy.NullKey,
            "SKIP" => KeylessEventPolicy.Skip,
            _ => throw new ConfigurationException(
                $"mapping.keylessEvents: '{options.Mapping.KeylessEvents}' is not one of namespaceKey, nullKey, skip."),
        };

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
                options.Kafka.TopicPrefix, options.Kafka.Topics, jsonMode, options.Mapping.TombstonesOnDelete, keyless, ReservedTopics.From(options));
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException($"kafka.topics: {ex.Message}", ex);
        }
    }
}
