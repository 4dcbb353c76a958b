using Cdc.Connector.Sink;
using Cdc.Connector.Tests.Checkpoint;
using Cdc.Sandbox.Kafka;
using Confluent.Kafka;
using static Cdc.Connector.Tests.Sink.PublisherHarness;

namespace Cdc.Connector.Tests.Sink;

/// <summary>
/// <see cref="RecordSize"/>, which `cdc inspect` predicts with, against the real librdkafka behind the publisher: a record
/// it weighs at exactly message.max.bytes is delivered, one byte more is refused as too large; headers count as it says.
/// </summary>
public sealed class RecordSizeTests
{
    private const int MessageMaxBytes = 2_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void A_record_weighed_at_the_limit_is_taken_and_one_byte_more_is_refused(int extra, bool delivered)
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("sized", 1);
        var listener = new RecordingDeliveryListener();
        using var publisher = Create(Options(cluster.BootstrapServers, null, ("message.max.bytes", MessageMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))), listener);
        var key = new byte[100];
        var value = new byte[MessageMaxBytes - RecordSize.MaxOverheadBytes - key.Length + extra];
        Assert.Equal(RecordSize.Fits(MessageMaxBytes, key.Length, value.Length), delivered);

        publisher.Produce("sized", key, value, 0);

        Assert.True(listener.WaitForReports(1, Deadline));
        if (delivered)
        {
            Assert.Equal([0L], listener.Delivered);
        }
        else
        {
            Assert.IsType<RecordTooLargeException>(Assert.Single(listener.Failures).Error);
        }
    }

    [Fact]
    public void Header_bytes_are_what_librdkafka_counts_against_the_limit()
    {
        KafkaTestLibrary.Ensure();
        var headers = new Headers { { "cdc.reason", new byte[70] }, { "cdc.topic", "cdc.shop.orders"u8.ToArray() } };
        var headerBytes = RecordSize.HeaderBytes(headers);

        // name and value lengths as zig-zag varints: 10 → 1 byte, 70 → 2 bytes (140 ≥ 128), 9 → 1, 15 → 1.
        Assert.Equal(1 + 10 + 2 + 70 + 1 + 9 + 1 + 15, headerBytes);

        var config = new ProducerConfig { BootstrapServers = "127.0.0.1:1", MessageMaxBytes = 1_000 };
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        var fits = new Message<byte[]?, byte[]?> { Key = new byte[1_000 - RecordSize.MaxOverheadBytes - (int)headerBytes], Value = null, Headers = headers };
        var over = new Message<byte[]?, byte[]?> { Key = new byte[fits.Key.Length + 1], Value = null, Headers = headers };

        producer.Produce("sized", fits, null);
        var refused = Assert.Throws<ProduceException<byte[]?, byte[]?>>(() => producer.Produce("sized", over, null));
        Assert.Equal(ErrorCode.MsgSizeTooLarge, refused.Error.Code);
    }
}
