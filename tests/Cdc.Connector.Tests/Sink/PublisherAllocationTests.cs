using Cdc.Sandbox.Kafka;
using Xunit.Abstractions;
using static Cdc.Connector.Tests.Sink.PublisherHarness;

namespace Cdc.Connector.Tests.Sink;

public sealed class PublisherAllocationTests(ITestOutputHelper output)
{
    /// <summary>
    /// What Confluent.Kafka's Produce (1.9.3 and 2.16 alike) allocates itself per record, which no caller can avoid: the delivery
    /// handler shim wrapping the callback (object header + 4 references: 48 bytes), the enumerator that
    /// <c>headers.Any()</c> creates on the (empty) headers (32 bytes) and the <c>Error</c> object its
    /// <c>Librdkafka.produceva</c> wraps the result code in (32 bytes); the topic name is copied to native memory.
    /// Measured: exactly 112 bytes. A Task (≥ 72 bytes) or a closure with its delegate (≥ 88 bytes) per record, or a
    /// Message/TopicPartition/Headers per record, would exceed the bound.
    /// </summary>
    private const double UnavoidableBytesPerRecord = 48 + 32 + 32;

    [Fact]
    public void Producing_100k_records_allocates_only_what_Confluent_Kafka_itself_allocates_per_record()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("alloc", 4);
        const int Records = 100_000;
        var listener = new RecordingDeliveryListener();
        using var publisher = Create(Options(cluster.BootstrapServers), listener, maxInFlightEvents: Records + 1_000);
        var keys = new byte[64][];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Bytes("k" + i);
        }

        var value = new byte[16];
        for (var i = 0; i < 1_000; i++)
        {
            publisher.Produce("alloc", keys[i % keys.Length], value, i); // warm-up: topic cache, JIT, librdkafka's topic
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1_000; i < 1_000 + Records; i++)
        {
            publisher.Produce("alloc", keys[i % keys.Length], value, i);
        }

        var perRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Records;
        output.WriteLine($"{perRecord:F1} bytes allocated per produced record on the producing thread");

        Assert.True(publisher.Flush(TimeSpan.FromSeconds(30)));
        Assert.Empty(listener.Failures);
        Assert.Equal(1_000 + Records, listener.Delivered.Count);
        Assert.True(perRecord <= UnavoidableBytesPerRecord, $"{perRecord:F1} bytes per record, over the {UnavoidableBytesPerRecord} Confluent.Kafka allocates itself");
    }
}
