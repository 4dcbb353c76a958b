using Cdc.Connector.Configuration;
using Confluent.Kafka;

namespace Cdc.Connector.Tests.Configuration;

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
        Assert.Equal("1000000", ProducerConfigBuilder.Effective(config, "batch.size"));
    }

    [Fact]
    public void Experimental_properties_are_not_set_even_to_their_defaults()
    {
        // librdkafka warns (CONFWARN) on every start about an experimental property that is set, whatever its value.
        var config = ProducerConfigBuilder.Build(Options(), maxInFlightEvents: 20_000);

        Assert.Null(ProducerConfigBuilder.Effective(config, "enable.gapless.guarantee"));
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
    public void Building_without_bootstrap_servers_is_refused_as_the_callers_mistake()
    {
        // Loaded configuration cannot get here: LoadForRun requires kafka.bootstrapServers with its own message.
        var error = Assert.Throws<ArgumentException>(() => ProducerConfigBuilder.Build(new KafkaOptions(), 100));

        Assert.Contains("kafka.bootstrapServers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Librdkafka_takes_the_connectors_producer_configuration_without_a_refusal_or_a_warning()
    {
        LibrdkafkaLoader.EnsureLoaded();
        var config = ProducerConfigBuilder.Build(Options(), 20_000);
        var logs = new List<LogMessage>();

        // Building creates the librdkafka handle, which checks every property and warns about any deprecated or
        // experimental one that is set (it does not connect yet).
        using (var producer = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, message) =>
        {
            lock (logs)
            {
                logs.Add(message);
            }
        }).Build())
        {
            Assert.NotNull(producer.Name);
        }

        lock (logs)
        {
            Assert.DoesNotContain(logs, message => message.Facility == "CONFWARN");
        }

        var properties = ProducerConfigBuilder.Properties(new Dictionary<string, string>(), 20_000);
        Assert.Empty(LibrdkafkaConfiguration.Refusals(properties));
        Assert.Null(LibrdkafkaConfiguration.CreationRefusal(properties));
    }

    [Fact]
    public void Properties_are_everything_but_the_brokers_in_the_order_librdkafka_applies_them()
    {
        var options = Options(("linger.ms", "50"));

        var properties = ProducerConfigBuilder.Properties(options.Producer, 100);

        Assert.Equal(ProducerConfigBuilder.Build(options, 100).Skip(1), properties);
        Assert.DoesNotContain(properties, entry => entry.Key == "bootstrap.servers");
        Assert.Equal(("linger.ms", "50"), (properties[^3].Key, properties[^3].Value));
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
