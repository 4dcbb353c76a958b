using Cdc.Connector.Configuration;
using Cdc.Connector.Sink;
using Confluent.Kafka;

namespace Cdc.Connector.Tests.Sink;

public sealed class ProducerConfigBuilderTests
{
    private static KafkaOptions Options(params (string Key, string Value)[] producer)
    {
        var options = new KafkaOptions { BootstrapServers = "127.0.0.1:9092" };
        foreach (var (key, value) in producer)
        {
            options.Producer[key] = value;
        }

        return options;
    }

    [Fact]
    public void Defaults_set_brokers_batching_compression_and_the_guarantees()
    {
        var config = ProducerConfigBuilder.Build(Options(), maxInFlightEvents: 20_000);

        Assert.Equal("127.0.0.1:9092", ProducerConfigBuilder.Effective(config, "bootstrap.servers"));
        Assert.Equal("true", ProducerConfigBuilder.Effective(config, "enable.idempotence"));
        Assert.Equal("all", ProducerConfigBuilder.Effective(config, "acks"));
        Assert.Equal("murmur2_random", ProducerConfigBuilder.Effective(config, "partitioner"));
        Assert.Equal("10", ProducerConfigBuilder.Effective(config, "linger.ms"));
        Assert.Equal("lz4", ProducerConfigBuilder.Effective(config, "compression.type"));
        Assert.Equal("300000", ProducerConfigBuilder.Effective(config, "message.timeout.ms"));
        Assert.Equal("false", ProducerConfigBuilder.Effective(config, "enable.gapless.guarantee"));
        Assert.Equal("1000000", ProducerConfigBuilder.Effective(config, "batch.size"));
    }

    [Fact]
    public void Every_producer_entry_overrides_the_default_of_the_same_property()
    {
        var config = ProducerConfigBuilder.Build(
            Options(("linger.ms", "50"), ("compression.type", "zstd"), ("partitioner", "consistent_random"), ("message.timeout.ms", "0"), ("socket.keepalive.enable", "true")),
            maxInFlightEvents: 100);

        Assert.Equal("50", ProducerConfigBuilder.Effective(config, "linger.ms"));
        Assert.Equal("zstd", ProducerConfigBuilder.Effective(config, "compression.type"));
        Assert.Equal("consistent_random", ProducerConfigBuilder.Effective(config, "partitioner"));
        Assert.Equal("0", ProducerConfigBuilder.Effective(config, "message.timeout.ms"));
        Assert.Equal("true", ProducerConfigBuilder.Effective(config, "socket.keepalive.enable"));
    }

    [Fact]
    public void Idempotence_and_acks_are_applied_after_the_users_entries()
    {
        // The configuration loader rejects other values; the builder still applies them last, so nothing can undo them.
        var config = ProducerConfigBuilder.Build(Options(("enable.idempotence", "false"), ("acks", "1")), maxInFlightEvents: 100);

        Assert.Equal("true", ProducerConfigBuilder.Effective(config, "enable.idempotence"));
        Assert.Equal("all", ProducerConfigBuilder.Effective(config, "acks"));
        Assert.Equal("acks", config[^1].Key);
    }

    [Theory]
    [InlineData(20_000, "100000")]
    [InlineData(200_000, "401000")]
    [InlineData(int.MaxValue, "2147483647")]
    public void The_local_queue_holds_at_least_twice_the_in_flight_events(int maxInFlightEvents, string expected)
    {
        var config = ProducerConfigBuilder.Build(Options(), maxInFlightEvents);

        Assert.Equal(expected, ProducerConfigBuilder.Effective(config, "queue.buffering.max.messages"));
    }

    [Fact]
    public void A_random_partitioner_is_refused_because_it_ignores_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => ProducerConfigBuilder.Build(Options(("partitioner", "random")), 100));

        Assert.Contains("kafka.producer.partitioner", error.Message, StringComparison.Ordinal);
        Assert.Contains("order", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dotnet.producer.delivery.report.fields", "none")]
    [InlineData("delivery.report.only.error", "true")]
    public void Settings_the_publisher_depends_on_are_refused_with_the_key_named(string property, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => ProducerConfigBuilder.Build(Options((property, value)), 100));

        Assert.Contains("kafka.producer." + property, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_bootstrap_servers_is_a_configuration_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => ProducerConfigBuilder.Build(new KafkaOptions(), 100));

        Assert.Contains("kafka.bootstrapServers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Librdkafka_accepts_every_default_including_lz4_and_zstd()
    {
        LibrdkafkaLoader.EnsureLoaded();
        foreach (var codec in new[] { "lz4", "zstd" })
        {
            var config = ProducerConfigBuilder.Build(Options(("compression.type", codec)), 20_000);

            // Building creates the librdkafka handle, which validates every property (it does not connect yet).
            using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
            Assert.NotNull(producer.Name);
        }
    }
}
