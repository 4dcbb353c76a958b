using Cdc.Connector.Configuration;
using Confluent.Kafka;

namespace Cdc.Bench.Snapshot;

/// <summary>
/// How many records a topic received: the sum over its partitions of the high watermark (log end offset), asked of the
/// sandbox's Kafka with a consumer that never subscribes. Offsets, not a read, because the mock cluster keeps only a
/// bounded tail of each partition's log (older batches are dropped), so a consumer started after the run could not
/// see all N records of a 200,000-row snapshot; the end offsets still count every record appended. With nothing else
/// writing the topic, an idempotent producer and one clean run, that is exactly the records the run published.
/// </summary>
internal static class TopicRecordCount
{
    public static long Appended(string bootstrapServers, string topic, int partitions, TimeSpan timeout)
    {
        LibrdkafkaLoader.EnsureLoaded();
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "cdc-bench-snapshot-count", EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(config).SetLogHandler((_, _) => { }).Build();
        long total = 0;
        for (var partition = 0; partition < partitions; partition++)
        {
            total += consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), timeout).High.Value;
        }

        return total;
    }
}
