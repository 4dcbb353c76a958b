using System.Diagnostics;
using Cdc.Connector.Configuration;
using Cdc.Demo;
using Cdc.Sandbox.Host;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Demo;

public sealed class DemoConsumerTests
{
    private const string Topic = "cdc.shop.orders";

    [Fact]
    public async Task Records_that_are_not_registry_framed_Avro_are_counted_as_decode_failures_naming_topic_partition_and_offset()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 1 });
        sandbox.Kafka.CreateTopic(Topic, 1);
        using var consumer = new DemoConsumer(sandbox.Kafka.BootstrapServers, sandbox.SchemaRegistry.Url, [Topic], 1, NullLogger.Instance);
        consumer.Start();

        LibrdkafkaLoader.EnsureLoaded();
        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = sandbox.Kafka.BootstrapServers }).Build())
        {
            // JSON instead of Avro; framed but with a schema id the registry never issued; a tombstone whose key is too short to be framed.
            await producer.ProduceAsync(Topic, new Message<byte[]?, byte[]?> { Key = [0, 0, 0, 0, 1, 2], Value = "{\"a\":1}"u8.ToArray() });
            await producer.ProduceAsync(Topic, new Message<byte[]?, byte[]?> { Key = [0, 0, 0, 3, 231, 2], Value = [0, 0, 0, 3, 231, 2] });
            await producer.ProduceAsync(Topic, new Message<byte[]?, byte[]?> { Key = [0, 0], Value = null });
        }

        await WaitUntil(() => consumer.Statistics.Records == 3);
        consumer.Stop();

        var statistics = consumer.Statistics;
        Assert.Equal(3, statistics.Records);
        Assert.Equal(3, statistics.DecodeFailures);
        Assert.Equal(0, statistics.Decoded);
        Assert.Empty(statistics.LastRecords());
        Assert.StartsWith($"{Topic} [0] offset 2: ", statistics.LastDecodeError);
        Assert.Contains("at least 5 bytes", statistics.LastDecodeError);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }
    }
}
