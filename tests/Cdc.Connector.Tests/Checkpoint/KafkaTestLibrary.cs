using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Checkpoint;

/// <summary>Makes Confluent.Kafka run on the librdkafka.redist file in tests, as the product does (<see cref="LibrdkafkaLoader"/>).</summary>
internal static class KafkaTestLibrary
{
    public static void Ensure() => LibrdkafkaLoader.EnsureLoaded();
}
