using System.Net.Sockets;
using Cdc.Sandbox.Kafka;

namespace Cdc.Sandbox.Tests.Kafka;

public sealed class KafkaMockClusterTests
{
    [Fact]
    public void Bootstrap_servers_name_one_loopback_port_per_broker_and_each_accepts_connections()
    {
        using var cluster = new KafkaMockCluster();

        Assert.Equal(KafkaMockCluster.DefaultBrokerCount, cluster.BrokerCount);
        var endpoints = cluster.BootstrapServers.Split(',');
        Assert.Equal(3, endpoints.Length);
        Assert.All(endpoints, e => Assert.StartsWith("127.0.0.1:", e, StringComparison.Ordinal));
        Assert.Equal(3, endpoints.Distinct().Count());
        Assert.Equal([1, 2, 3], cluster.Brokers.Select(b => b.Id));
        Assert.Equal(endpoints, cluster.Brokers.Select(b => b.Endpoint));
        Assert.All(cluster.Brokers, b => Assert.True(b.IsUp));
        foreach (var endpoint in endpoints)
        {
            Assert.True(CanConnect(endpoint), $"{endpoint} refused a connection");
        }
    }

    [Fact]
    public void A_broker_set_down_refuses_connections_until_set_up_again_on_the_same_port()
    {
        using var cluster = new KafkaMockCluster();
        var endpoint = cluster.Brokers[1].Endpoint;

        cluster.SetBrokerDown(2);
        Assert.False(CanConnect(endpoint), "broker 2 accepted a connection while down");
        Assert.True(CanConnect(cluster.Brokers[0].Endpoint));
        Assert.Equal([true, false, true], cluster.Brokers.Select(b => b.IsUp));

        cluster.SetBrokerUp(2);
        Assert.Equal(endpoint, cluster.Brokers[1].Endpoint);
        Assert.True(CanConnect(endpoint), "broker 2 refused a connection after coming up");
        Assert.All(cluster.Brokers, b => Assert.True(b.IsUp));
    }

    [Fact]
    public void All_brokers_go_down_and_up_together()
    {
        using var cluster = new KafkaMockCluster(2);

        cluster.SetBrokerDown(KafkaMockCluster.AllBrokers);
        Assert.All(cluster.Brokers, b => Assert.False(CanConnect(b.Endpoint)));
        Assert.All(cluster.Brokers, b => Assert.False(b.IsUp));

        cluster.SetBrokerUp(KafkaMockCluster.AllBrokers);
        Assert.All(cluster.Brokers, b => Assert.True(CanConnect(b.Endpoint)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-2)]
    public void Unknown_broker_ids_fail_with_librdkafkas_error_and_the_valid_range(int brokerId)
    {
        using var cluster = new KafkaMockCluster();

        var down = Assert.Throws<KafkaMockException>(() => cluster.SetBrokerDown(brokerId));
        Assert.Contains("Broker not available", down.Message, StringComparison.Ordinal);
        Assert.Contains("BROKER_NOT_AVAILABLE", down.Message, StringComparison.Ordinal);
        Assert.Contains("1..3", down.Message, StringComparison.Ordinal);
        Assert.Equal(KafkaErrorCode.BrokerNotAvailable, down.Error);

        var rtt = Assert.Throws<KafkaMockException>(() => cluster.SetRoundTripTime(brokerId, 10));
        Assert.Equal(KafkaErrorCode.BrokerNotAvailable, rtt.Error);
        Assert.All(cluster.Brokers, b => Assert.True(b.IsUp));
        Assert.All(cluster.Brokers, b => Assert.Equal(0, b.RoundTripTimeMs));
    }

    [Fact]
    public void A_partition_leader_must_be_a_broker_of_the_cluster()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("leaders", 2);

        cluster.SetPartitionLeader("leaders", 1, 3);
        cluster.SetPartitionLeader("leaders", 0, KafkaMockCluster.NoLeader);
        var unknownBroker = Assert.Throws<KafkaMockException>(() => cluster.SetPartitionLeader("leaders", 0, 9));
        Assert.Equal(KafkaErrorCode.BrokerNotAvailable, unknownBroker.Error);
        var unknownPartition = Assert.Throws<KafkaMockException>(() => cluster.SetPartitionLeader("leaders", 2, 1));
        Assert.Equal(KafkaErrorCode.UnknownTopicOrPartition, unknownPartition.Error);
        Assert.Contains("'leaders' [2]", unknownPartition.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetPartitionLeader("leaders", -1, 1));
    }

    [Fact]
    public void Creating_a_topic_twice_fails_with_topic_already_exists()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("orders", 3, 3);

        var again = Assert.Throws<KafkaMockException>(() => cluster.CreateTopic("orders", 3, 3));

        Assert.Equal(KafkaErrorCode.TopicAlreadyExists, again.Error);
        Assert.Contains("Creating topic 'orders'", again.Message, StringComparison.Ordinal);
        Assert.Contains("TOPIC_ALREADY_EXISTS", again.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("has space", 1, 1)]
    [InlineData("slash/topic", 1, 1)]
    [InlineData("..", 1, 1)]
    [InlineData("ok", 0, 1)]
    [InlineData("ok", 1001, 1)]
    [InlineData("ok", 1, 0)]
    [InlineData("ok", 1, 4)]
    public void CreateTopic_rejects_what_Kafka_would_reject(string name, int partitions, int replicationFactor)
    {
        using var cluster = new KafkaMockCluster();

        Assert.ThrowsAny<ArgumentException>(() => cluster.CreateTopic(name, partitions, replicationFactor));
    }

    [Fact]
    public void CreateTopic_rejects_names_longer_than_Kafka_allows()
    {
        using var cluster = new KafkaMockCluster();

        var e = Assert.Throws<ArgumentException>(() => cluster.CreateTopic(new string('t', 250), 1));
        Assert.Contains("249", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_errors_are_refused_for_requests_the_mock_does_not_implement_and_for_unknown_codes()
    {
        using var cluster = new KafkaMockCluster();

        var createTopics = Assert.Throws<ArgumentOutOfRangeException>(
            () => cluster.PushRequestErrors((KafkaApiKey)19, KafkaErrorCode.RequestTimedOut));
        Assert.Contains("ApiKey 19", createTopics.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => cluster.PushRequestErrors(KafkaApiKey.Produce));
        var unknown = Assert.Throws<ArgumentException>(
            () => cluster.PushRequestErrors(KafkaApiKey.Produce, KafkaErrorCode.NotLeaderForPartition, new KafkaErrorCode(12345)));
        Assert.Contains("Error 1 (12345)", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.ClearRequestErrors((KafkaApiKey)(-1)));
        Assert.Throws<ArgumentException>(() => cluster.SetTopicError("t", new KafkaErrorCode(-12345)));
    }

    [Fact]
    public void Round_trip_times_are_recorded_per_broker_and_negative_ones_refused()
    {
        using var cluster = new KafkaMockCluster();

        cluster.SetRoundTripTime(KafkaMockCluster.AllBrokers, 5);
        cluster.SetRoundTripTime(3, 250);

        Assert.Equal([5, 5, 250], cluster.Brokers.Select(b => b.RoundTripTimeMs));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetRoundTripTime(1, -1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void The_broker_count_must_be_1_to_32(int brokers) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KafkaMockCluster(brokers));

    [Fact]
    public void Control_calls_after_Dispose_throw_and_a_second_Dispose_is_harmless()
    {
        var cluster = new KafkaMockCluster(1);
        var endpoint = cluster.BootstrapServers;
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.SetBrokerDown(1));
        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", 1));
        Assert.Throws<ObjectDisposedException>(() => cluster.PushRequestErrors(KafkaApiKey.Produce, KafkaErrorCode.Transport));
        cluster.Dispose();
        Assert.False(CanConnect(endpoint), "the broker still listens after Dispose");
    }

    [Fact]
    public void Control_calls_from_many_threads_at_once_all_apply()
    {
        using var cluster = new KafkaMockCluster();

        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var broker = (i % 3) + 1;
            cluster.SetBrokerDown(broker);
            cluster.SetBrokerUp(broker);
            cluster.CreateTopic($"parallel-{i}", 1 + (i % 4));
            cluster.PushRequestErrors(KafkaApiKey.Metadata, KafkaErrorCode.NoError);
        });
        cluster.SetRoundTripTime(KafkaMockCluster.AllBrokers, 0);
        cluster.ClearRequestErrors(KafkaApiKey.Metadata);

        Assert.All(cluster.Brokers, b => Assert.True(b.IsUp));
        Assert.All(cluster.Brokers, b => Assert.True(CanConnect(b.Endpoint)));
        Assert.Throws<KafkaMockException>(() => cluster.CreateTopic("parallel-39", 1));
    }

    private static bool CanConnect(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        using var client = new TcpClient();
        try
        {
            client.Connect(endpoint[..colon], int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
