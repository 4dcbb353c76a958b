using Confluent.Kafka;

namespace Cdc.Connector.Configuration;

/// <summary>
/// The settings of the connector's Kafka clients other than the publisher's producer (<see cref="ProducerConfigBuilder"/>):
/// the Kafka checkpoint store's clients, the readiness probe, `cdc check`. Each reaches the brokers as the producer does,
/// so each takes the kafka.producer entries about reaching and authenticating to them, and nothing else of the
/// producer's tuning.
/// </summary>
internal static class KafkaClientSettings
{
    private static readonly string[] ConnectionPropertyPrefixes = ["security.protocol", "sasl.", "ssl.", "client.dns.lookup", "broker.address.family"];

    /// <summary>The kafka.producer entries every Kafka client of the connector needs: how to reach and authenticate to the brokers.</summary>
    public static Dictionary<string, string> ConnectionProperties(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in options.Producer)
        {
            foreach (var prefix in ConnectionPropertyPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    properties[name] = value;
                    break;
                }
            }
        }

        return properties;
    }

    /// <summary>
    /// An admin client that asks the brokers for metadata: the connection entries, kafka.bootstrapServers, and a socket
    /// timeout. Connections it closes are not logged (the caller reports what it could not reach).
    /// </summary>
    public static AdminClientConfig MetadataClient(KafkaOptions options, string clientId, TimeSpan socketTimeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AdminClientConfig(ConnectionProperties(options))
        {
            BootstrapServers = options.BootstrapServers ?? string.Empty,
            ClientId = clientId,
            SocketTimeoutMs = (int)socketTimeout.TotalMilliseconds,
            LogConnectionClose = false,
        };
    }
}
