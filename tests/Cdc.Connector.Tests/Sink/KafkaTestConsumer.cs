using Cdc.Connector.Configuration;
using Confluent.Kafka;

namespace Cdc.Connector.Tests.Sink;

/// <summary>Reads back what a test produced: every partition of a topic from the beginning, with a deadline.</summary>
internal static class KafkaTestConsumer
{
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrapServers, string topic, int partitions, int expected, TimeSpan timeout)
    {
        LibrdkafkaLoader.EnsureLoaded();
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "cdc-test-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        var assignment = new List<TopicPartitionOffset>(partitions);
        for (var p = 0; p < partitions; p++)
        {
            assignment.Add(new TopicPartitionOffset(topic, p, Offset.Beginning));
        }

        consumer.Assign(assignment);
        var results = new List<ConsumeResult<byte[]?, byte[]?>>(expected);
        var deadline = DateTime.UtcNow + timeout;
        while (results.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                results.Add(result);
            }
        }

        // A little longer, to see duplicates or strays beyond what was expected.
        var extraDeadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(300);
        while (DateTime.UtcNow < extraDeadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                results.Add(result);
            }
        }

        consumer.Close();
        return results;
    }
}
