using Cdc.Connector.Sink;
using Cdc.Sandbox.Kafka;
using Confluent.Kafka;

namespace Cdc.Connector.Tests.Sink;

public sealed class LibrdkafkaLoaderTests
{
    [Fact]
    public void Loading_from_many_threads_at_once_binds_Confluent_Kafka_to_the_system_librdkafka()
    {
        Parallel.For(0, 8, _ => LibrdkafkaLoader.EnsureLoaded());

        Assert.True(Library.IsLoaded);
        Assert.True(Library.Version >= 0x02000000, $"librdkafka {Library.VersionString} is older than 2.0");
    }

    [Fact]
    public void Confluent_Kafka_and_the_embedded_Kafka_share_one_librdkafka_in_one_process()
    {
        using var cluster = new KafkaMockCluster(1);
        LibrdkafkaLoader.EnsureLoaded();

        Assert.Equal(cluster.LibraryVersion, Library.VersionString);
    }
}
