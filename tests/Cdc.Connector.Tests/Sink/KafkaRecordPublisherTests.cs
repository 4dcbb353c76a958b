using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Sink;
using Cdc.Sandbox.Kafka;
using Confluent.Kafka;
using static Cdc.Connector.Tests.Sink.PublisherHarness;

namespace Cdc.Connector.Tests.Sink;

public sealed class KafkaRecordPublisherTests
{
    // Only bounds a hang: the in-process brokers answer within it however loaded the machine is.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public void Records_arrive_exactly_in_order_per_key_and_the_watermark_commits_every_event()
    {
        using var cluster = new KafkaMockCluster(3);
        cluster.CreateTopic("orders", 4);
        const int Events = 2_000;
        var watermark = new AckWatermark(maxInFlightEvents: 500, maxInFlightBytes: 1 << 20);
        using (var publisher = Create(Options(cluster.BootstrapServers), watermark, maxInFlightEvents: 500))
        {
            for (var i = 0; i < Events; i++)
            {
                var isDelete = i % 10 == 9;
                Assert.True(watermark.WaitForRoom(64, CancellationToken.None));
                var sequence = watermark.Track([1, 2, 3, 4, 5, (byte)i], isInvalidate: false, records: isDelete ? 2 : 1, bytes: 64);
                var key = Bytes("doc-" + (i % 37));
                publisher.Produce("orders", key, Bytes("v" + i), sequence);
                if (isDelete)
                {
                    publisher.Produce("orders", key, null, sequence); // the tombstone shares its event's sequence
                }
            }

            Assert.True(publisher.Flush(Deadline));
        }

        Assert.True(watermark.WaitUntilSettled(Deadline));
        Assert.Null(watermark.Failure);
        Assert.Equal(Events, watermark.CommittableSequence);

        var records = KafkaTestConsumer.ReadAll(cluster.BootstrapServers, "orders", 4, Events + (Events / 10), Deadline);
        Assert.Equal(Events + (Events / 10), records.Count);
        var lastByKey = new Dictionary<string, int>();
        foreach (var record in records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value))
        {
            var key = Text(record.Message.Key);
            if (record.Message.Value is null)
            {
                // A tombstone follows its own event's value, nothing else of that key in between.
                Assert.Equal(9, lastByKey[key] % 10);
                continue;
            }

            var index = int.Parse(Text(record.Message.Value)[1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("doc-" + (index % 37), key);
            Assert.True(!lastByKey.TryGetValue(key, out var previous) || previous < index, $"{key}: v{index} after v{previous}");
            lastByKey[key] = index;
        }

        Assert.Equal(37, lastByKey.Count);
    }

    [Fact]
    public void A_retriable_request_error_is_retried_by_librdkafka_and_delivered_once()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("retry", 1);
        var listener = new RecordingDeliveryListener();
        using var publisher = Create(Options(cluster.BootstrapServers, null, ("retry.backoff.ms", "20")), listener);
        publisher.Produce("retry", Bytes("k0"), Bytes("first"), 0);
        Assert.True(publisher.Flush(Deadline));

        cluster.PushRequestErrors(KafkaApiKey.Produce, KafkaErrorCode.NotLeaderForPartition, KafkaErrorCode.NotEnoughReplicas);
        publisher.Produce("retry", Bytes("k1"), Bytes("second"), 1);
        Assert.True(publisher.Flush(Deadline));

        Assert.Equal([0L, 1L], listener.Delivered);
        Assert.Empty(listener.Failures);
        var records = KafkaTestConsumer.ReadAll(cluster.BootstrapServers, "retry", 1, 2, Deadline);
        Assert.Equal(["first", "second"], records.Select(r => Text(r.Message.Value)));
    }

    [Fact]
    public void A_permanent_request_error_fails_the_sequence_naming_topic_partition_and_error()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("denied", 1);
        var listener = new RecordingDeliveryListener();
        using var publisher = Create(Options(cluster.BootstrapServers), listener);
        publisher.Produce("denied", Bytes("k"), Bytes("v"), 0);
        Assert.True(publisher.Flush(Deadline));

        cluster.PushRequestErrors(KafkaApiKey.Produce, KafkaErrorCode.TopicAuthorizationFailed);
        publisher.Produce("denied", Bytes("k"), Bytes("refused"), 1);
        Assert.True(listener.WaitForReports(2, Deadline));

        Assert.Equal([0L], listener.Delivered);
        var (sequence, error) = Assert.Single(listener.Failures);
        Assert.Equal(1, sequence);
        var failure = Assert.IsType<KafkaDeliveryException>(error);
        Assert.Equal(ErrorCode.TopicAuthorizationFailed, failure.Code);
        Assert.Equal("denied", failure.Topic);
        Assert.Equal(0, failure.Partition.Value);
        Assert.Contains("denied", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_over_message_max_bytes_under_the_default_policy_fails_its_event_saying_how_to_fix_it()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("big", 1);
        var listener = new RecordingDeliveryListener();
        using var publisher = Create(Options(cluster.BootstrapServers, null, ("message.max.bytes", "1000")), listener);

        publisher.Produce("big", Bytes("k"), new byte[5_000], 7);
        publisher.Produce("big", Bytes("k"), Bytes("small"), 8);
        Assert.True(publisher.Flush(Deadline));

        Assert.Equal([8L], listener.Delivered);
        var (sequence, error) = Assert.Single(listener.Failures);
        Assert.Equal(7, sequence);
        var tooLarge = Assert.IsType<RecordTooLargeException>(error);
        Assert.Contains("'big'", tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains("5,001 bytes", tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains("mapping.oversize=deadLetter", tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains("message.max.bytes", tooLarge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_over_message_max_bytes_fails_its_event_by_default_even_with_a_dead_letter_topic()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("big", 1);
        cluster.CreateTopic("dlq", 1);
        var listener = new RecordingDeliveryListener();
        using (var publisher = Create(Options(cluster.BootstrapServers, "dlq", ("message.max.bytes", "1000")), listener))
        {
            publisher.Produce("big", Bytes("k"), new byte[5_000], 7);
            Assert.True(publisher.Flush(Deadline));
        }

        Assert.Empty(listener.Delivered);
        var (sequence, error) = Assert.Single(listener.Failures);
        Assert.Equal(7, sequence);
        Assert.Contains("mapping.oversize is fail", Assert.IsType<RecordTooLargeException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_over_message_max_bytes_goes_to_the_dead_letter_topic_with_its_key_and_why_under_mapping_oversize_deadLetter()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("big", 1);
        cluster.CreateTopic("dlq", 1);
        var listener = new RecordingDeliveryListener();
        using (var publisher = Create(Options(cluster.BootstrapServers, "dlq", ("message.max.bytes", "1000")), listener, oversize: OversizePolicy.DeadLetter))
        {
            publisher.Produce("big", Bytes("doc-1"), new byte[2_000], 0);
            publisher.Produce("big", Bytes("doc-2"), Bytes("fits"), 1);
            Assert.True(publisher.Flush(Deadline));
        }

        Assert.Empty(listener.Failures);
        Assert.Equal([0L, 1L], listener.Delivered.Order());
        var dead = Assert.Single(KafkaTestConsumer.ReadAll(cluster.BootstrapServers, "dlq", 1, 1, Deadline));
        Assert.Equal("doc-1", Text(dead.Message.Key));
        Assert.Null(dead.Message.Value);
        Assert.Equal("record of 2,005 bytes exceeds message.max.bytes (1,000)", Header(dead, DeadLetterHeaders.Reason));
        Assert.Equal("big", Header(dead, DeadLetterHeaders.Topic));
        Assert.Equal("2005", Header(dead, DeadLetterHeaders.RecordBytes));
        var kept = Assert.Single(KafkaTestConsumer.ReadAll(cluster.BootstrapServers, "big", 1, 1, Deadline));
        Assert.Equal("fits", Text(kept.Message.Value));
    }

    [Fact]
    public void A_broker_refusing_a_record_as_too_large_sends_it_to_the_dead_letter_topic_before_reporting_it_delivered()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("src", 1);
        cluster.CreateTopic("dlq", 1);
        var listener = new RecordingDeliveryListener();
        var outcomes = new CountingOversizeOutcomes();
        using var publisher = Create(Options(cluster.BootstrapServers, "dlq"), listener, oversize: OversizePolicy.DeadLetter, outcomes: outcomes);
        publisher.Produce("src", Bytes("warm"), Bytes("up"), 0);
        Assert.True(publisher.Flush(Deadline));

        cluster.PushRequestErrors(KafkaApiKey.Produce, KafkaErrorCode.Parse("MSG_SIZE_TOO_LARGE"));
        publisher.Produce("src", Bytes("doc-9"), Bytes("refused-by-broker"), 1);
        Assert.True(listener.WaitForReports(2, Deadline));
        Assert.True(publisher.Flush(Deadline));

        Assert.Empty(listener.Failures);
        Assert.Equal([0L, 1L], listener.Delivered);
        var dead = Assert.Single(KafkaTestConsumer.ReadAll(cluster.BootstrapServers, "dlq", 1, 1, Deadline));
        Assert.Equal("doc-9", Text(dead.Message.Key));
        Assert.Equal("src", Header(dead, DeadLetterHeaders.Topic));
        Assert.Equal("22", Header(dead, DeadLetterHeaders.RecordBytes));
        Assert.Contains("broker refused", Header(dead, DeadLetterHeaders.Reason), StringComparison.Ordinal);
        Assert.Equal((0, 1, 1), (outcomes.Failed, outcomes.OversizeDeadLettered, outcomes.DeadLettered));
    }

    [Fact]
    public void A_record_the_broker_refuses_is_dead_lettered_with_its_own_key_although_the_lent_array_was_reused()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("src", 1);
        cluster.CreateTopic("dlq", 1);
        var listener = new RecordingDeliveryListener();
        using var publisher = Create(Options(cluster.BootstrapServers, "dlq"), listener, oversize: OversizePolicy.DeadLetter);
        publisher.Produce("src", Bytes("warm"), Bytes("up"), 0);
        Assert.True(publisher.Flush(Deadline));

        cluster.PushRequestErrors(KafkaApiKey.Produce, KafkaErrorCode.Parse("MSG_SIZE_TOO_LARGE"));
        var key = Bytes("doc-9");
        publisher.Produce("src", key, Bytes("refused-by-broker"), 1);
        Bytes("doc-0").CopyTo(key, 0); // the caller lends its arrays for the call only, and reuses them at once
        Assert.True(listener.WaitForReports(2, Deadline));
        Assert.True(publisher.Flush(Deadline));

        var dead = Assert.Single(KafkaTestConsumer.ReadAll(cluster.BootstrapServers, "dlq", 1, 1, Deadline));
        Assert.Equal("doc-9", Text(dead.Message.Key));
    }

    [Theory]
    [InlineData(nameof(OversizePolicy.Fail))]
    [InlineData(nameof(OversizePolicy.Reference))]
    public void A_broker_refusing_a_record_as_too_large_fails_its_event_under_fail_and_reference_saying_which_limit_to_lower(string policyName)
    {
        var policy = Enum.Parse<OversizePolicy>(policyName);
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("src", 1);
        cluster.CreateTopic("dlq", 1);
        var listener = new RecordingDeliveryListener();
        var outcomes = new CountingOversizeOutcomes();
        using var publisher = Create(Options(cluster.BootstrapServers, "dlq"), listener, oversize: policy, outcomes: outcomes);
        publisher.Produce("src", Bytes("warm"), Bytes("up"), 0);
        Assert.True(publisher.Flush(Deadline));

        cluster.PushRequestErrors(KafkaApiKey.Produce, KafkaErrorCode.Parse("MSG_SIZE_TOO_LARGE"));
        publisher.Produce("src", Bytes("doc-9"), Bytes("refused-by-broker"), 1);
        Assert.True(listener.WaitForReports(2, Deadline));
        Assert.True(publisher.Flush(Deadline));

        Assert.Equal([0L], listener.Delivered);
        var (sequence, error) = Assert.Single(listener.Failures);
        Assert.Equal(1, sequence);
        var message = Assert.IsType<RecordTooLargeException>(error).Message;
        Assert.Contains("'src'", message, StringComparison.Ordinal);
        Assert.Contains("the broker refused it as too large", message, StringComparison.Ordinal);
        Assert.Contains("lower kafka.producer.message.max.bytes to at most the topic's max.message.bytes", message, StringComparison.Ordinal);
        Assert.Contains("raise the topic's max.message.bytes", message, StringComparison.Ordinal);
        Assert.Empty(KafkaTestConsumer.ReadAll(cluster.BootstrapServers, "dlq", 1, 0, TimeSpan.FromSeconds(2)));
        Assert.Equal((1, 0), (outcomes.Failed, outcomes.OversizeDeadLettered));
    }

    [Fact]
    public void ProduceWithHeaders_delivers_the_record_with_its_headers_and_reports_it_like_any_other()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("src", 1);
        var listener = new RecordingDeliveryListener();
        using (var publisher = Create(Options(cluster.BootstrapServers), listener))
        {
            publisher.ProduceWithHeaders("src", Bytes("doc-1"), Bytes("referenced"), OmittedHeader.For("fullDocument"), 4);
            publisher.Produce("src", Bytes("doc-2"), Bytes("plain"), 5);
            Assert.True(publisher.Flush(Deadline));
        }

        Assert.Empty(listener.Failures);
        Assert.Equal([4L, 5L], listener.Delivered.Order());
        var records = KafkaTestConsumer.ReadAll(cluster.BootstrapServers, "src", 1, 2, Deadline);
        Assert.Equal("fullDocument", Header(records[0], OmittedHeader.Name));
        Assert.Equal("referenced", Text(records[0].Message.Value));
        Assert.Empty(records[1].Message.Headers);
    }

    [Fact]
    public void A_record_with_headers_refused_locally_fails_its_event_under_fail_saying_its_headers_count()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("src", 1);
        var listener = new RecordingDeliveryListener();
        using (var publisher = Create(Options(cluster.BootstrapServers, null, ("message.max.bytes", "1000")), listener))
        {
            // 960 bytes of key and value fit with the 36 bytes of record framing; the header does not.
            publisher.ProduceWithHeaders("src", Bytes("k"), new byte[959], OmittedHeader.For("fullDocument"), 3);
            Assert.True(publisher.Flush(Deadline));
        }

        var (sequence, error) = Assert.Single(listener.Failures);
        Assert.Equal(3, sequence);
        var message = Assert.IsType<RecordTooLargeException>(error).Message;
        Assert.Contains("with its headers", message, StringComparison.Ordinal);
        Assert.Contains("mapping.oversize is fail", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProduceDeadLetter_writes_the_records_key_value_and_every_known_header()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("dlq", 1);
        var listener = new RecordingDeliveryListener();
        using (var publisher = Create(Options(cluster.BootstrapServers, "dlq"), listener))
        {
            publisher.ProduceDeadLetter(new DeadLetterRecord("unmappable: field 'x' is a DBPointer", "cdc.shop.orders", "8264ABC", "insert", Bytes("key"), Bytes("{\"raw\":1}")), 3);
            publisher.ProduceDeadLetter(new DeadLetterRecord("no namespace", null, null, null, null, null), 4);
            Assert.True(publisher.Flush(Deadline));
        }

        Assert.Equal([3L, 4L], listener.Delivered.Order());
        var records = KafkaTestConsumer.ReadAll(cluster.BootstrapServers, "dlq", 1, 2, Deadline);
        Assert.Equal(2, records.Count);
        Assert.Equal("key", Text(records[0].Message.Key));
        Assert.Equal("{\"raw\":1}", Text(records[0].Message.Value));
        Assert.Equal("unmappable: field 'x' is a DBPointer", Header(records[0], DeadLetterHeaders.Reason));
        Assert.Equal("cdc.shop.orders", Header(records[0], DeadLetterHeaders.Topic));
        Assert.Equal("8264ABC", Header(records[0], DeadLetterHeaders.ResumeToken));
        Assert.Equal("insert", Header(records[0], DeadLetterHeaders.OperationType));
        Assert.Equal([DeadLetterHeaders.Reason], records[1].Message.Headers.Select(h => h.Key));
        Assert.Null(records[1].Message.Key);
    }

    [Fact]
    public void ProduceDeadLetter_without_a_dead_letter_topic_throws_naming_the_setting()
    {
        using var cluster = new KafkaMockCluster(1);
        var listener = new RecordingDeliveryListener();
        using var publisher = Create(Options(cluster.BootstrapServers), listener);

        var error = Assert.Throws<DeadLetterUnavailableException>(
            () => publisher.ProduceDeadLetter(new DeadLetterRecord("unmappable", "t", null, "update", null, null), 5));

        Assert.Contains("kafka.deadLetterTopic", error.Message, StringComparison.Ordinal);
        Assert.Contains("unmappable", error.Message, StringComparison.Ordinal);
        Assert.Empty(listener.Delivered);
    }

    [Fact]
    public void Brokers_down_for_seconds_then_up_delay_delivery_without_failing_it()
    {
        using var cluster = new KafkaMockCluster(3);
        cluster.CreateTopic("outage", 4);
        var listener = new RecordingDeliveryListener();
        using var publisher = Create(Options(cluster.BootstrapServers, null, ("message.timeout.ms", "30000"), ("reconnect.backoff.max.ms", "200")), listener);
        publisher.Produce("outage", Bytes("k"), Bytes("before"), 0);
        Assert.True(publisher.Flush(Deadline));

        cluster.SetBrokerDown(KafkaMockCluster.AllBrokers);
        for (var i = 1; i <= 100; i++)
        {
            publisher.Produce("outage", Bytes("k" + (i % 7)), Bytes("during-" + i), i);
        }

        // Nothing to wait for: nothing may get through while every broker is down. Seconds of it, then the check.
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.Single(listener.Delivered);
        cluster.SetBrokerUp(KafkaMockCluster.AllBrokers);

        Assert.True(publisher.Flush(Deadline));
        Assert.Empty(listener.Failures);
        Assert.Equal(Enumerable.Range(0, 101).Select(i => (long)i), listener.Delivered.Order());
        var records = KafkaTestConsumer.ReadAll(cluster.BootstrapServers, "outage", 4, 101, Deadline);
        Assert.Equal(101, records.Count);
    }

    [Fact]
    public void A_fatal_producer_error_reaches_the_listener_and_no_record_is_reported_delivered()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("fatal", 1);
        // librdkafka treats an idempotent producer refused its producer id for authorization as fatal.
        cluster.PushRequestErrors(KafkaApiKey.InitProducerId, KafkaErrorCode.Parse("CLUSTER_AUTHORIZATION_FAILED"));
        var listener = new RecordingDeliveryListener();
        using var publisher = Create(Options(cluster.BootstrapServers), listener);

        publisher.Produce("fatal", Bytes("k"), Bytes("v"), 0);
        var deadline = DateTime.UtcNow + Deadline;
        while (listener.ProducerFailures.Count == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        var failure = Assert.IsType<KafkaException>(Assert.Single(listener.ProducerFailures));
        Assert.True(failure.Error.IsFatal);
        Assert.Contains("ClusterAuthorizationFailed", failure.Message, StringComparison.Ordinal);
        Assert.True(listener.WaitForReports(1, Deadline));
        Assert.Empty(listener.Delivered);
        Assert.Equal(0, Assert.Single(listener.Failures).Sequence);
    }

    private static string Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Text(value) : $"<no {name}>";
}
