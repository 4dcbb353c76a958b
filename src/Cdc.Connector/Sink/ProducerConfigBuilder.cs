using System.Globalization;
using Cdc.Connector.Configuration;

namespace Cdc.Connector.Sink;

/// <summary>
/// The librdkafka producer properties of the connector, in the order librdkafka must apply them: the connector's
/// defaults, then every <c>kafka.producer</c> entry (so any librdkafka property, aliases included, overrides a
/// default), then the settings the guarantees rest on.
/// </summary>
/// <remarks>
/// Defaults, and why:
/// <list type="bullet">
/// <item><c>linger.ms=10</c>: change events arrive in bursts (one getMore batch at a time); 10 ms gathers a burst into
/// few requests while adding far less latency than a change stream's own batching.</item>
/// <item><c>compression.type=lz4</c>: Extended JSON / Avro of documents compresses well, and lz4 costs the least CPU of
/// the codecs (zstd compresses better but costs more CPU on a connector that is often CPU-bound; override if the
/// network is the bottleneck). Debian's librdkafka links liblz4 and libzstd, so both work.</item>
/// <item><c>batch.size=1000000</c>, <c>batch.num.messages=10000</c>: a batch stays within Kafka's default 1 MB
/// <c>max.message.bytes</c>, so a broker with default limits never refuses a batch of small records.</item>
/// <item><c>message.timeout.ms=300000</c> (5 minutes): during a broker outage records wait and retry while the
/// connector applies back-pressure; only an outage longer than this fails the pending events, and the pipeline then
/// rebuilds the producer and resumes from the last committed checkpoint, losing nothing.</item>
/// <item><c>queue.buffering.max.messages</c>: at least twice <c>pipeline.maxInFlightEvents</c> (an event can have two
/// records, value and tombstone; dead-letter records come on top), so the watermark, not librdkafka's queue, is what
/// makes the connector wait.</item>
/// <item><c>enable.gapless.guarantee=false</c>: with it, librdkafka turns any permanent batch failure into a
/// fatal producer error. The connector does not need that: the watermark never commits past a failed record, and a
/// failure restarts the pipeline from the committed checkpoint, which re-sends the gap. Gapless would also turn a
/// broker's MSG_SIZE_TOO_LARGE, which must go to the dead-letter topic, into a producer failure.</item>
/// </list>
/// Enforced after the user's entries: <c>enable.idempotence=true</c> and <c>acks=all</c> (the configuration loader
/// already rejects other values). <c>partitioner</c> defaults to <c>murmur2_random</c> (Java-compatible) and may be
/// overridden — a topic first written by another librdkafka client may need its <c>consistent_random</c> — but never
/// to <c>random</c>, which ignores the key and so would break order per document.
/// </remarks>
internal static class ProducerConfigBuilder
{
    public const string DefaultLingerMs = "10";
    public const string DefaultCompression = "lz4";
    public const string DefaultPartitioner = "murmur2_random";
    public const int DefaultMessageTimeoutMs = 300_000;

    /// <summary>librdkafka's own default for message.max.bytes.</summary>
    public const int LibrdkafkaDefaultMessageMaxBytes = 1_000_000;

    /// <summary>librdkafka's own default for queue.buffering.max.messages, kept as a floor.</summary>
    private const int LibrdkafkaDefaultQueueMessages = 100_000;

    /// <summary>Room above twice the in-flight events for dead-letter records and retries.</summary>
    private const int QueueHeadroom = 1_000;

    public static List<KeyValuePair<string, string>> Build(KafkaOptions options, int maxInFlightEvents)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlightEvents, 1);
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            throw new ConfigurationException("'kafka.bootstrapServers' is not set: the producer needs at least one broker (host:port).");
        }

        var queueMessages = Math.Clamp((2L * maxInFlightEvents) + QueueHeadroom, LibrdkafkaDefaultQueueMessages, int.MaxValue);
        var config = new List<KeyValuePair<string, string>>(16 + options.Producer.Count)
        {
            new("bootstrap.servers", options.BootstrapServers),
            new("client.id", "cdc"),
            new("partitioner", DefaultPartitioner),
            new("linger.ms", DefaultLingerMs),
            new("compression.type", DefaultCompression),
            new("batch.size", "1000000"),
            new("batch.num.messages", "10000"),
            new("message.timeout.ms", DefaultMessageTimeoutMs.ToString(CultureInfo.InvariantCulture)),
            new("queue.buffering.max.messages", queueMessages.ToString(CultureInfo.InvariantCulture)),
            new("enable.gapless.guarantee", "false"),
        };

        foreach (var (property, value) in options.Producer)
        {
            CheckOverride(property, value);
            config.Add(new(property, value));
        }

        config.Add(new("enable.idempotence", "true"));
        config.Add(new("acks", "all"));
        return config;
    }

    /// <summary>The value librdkafka ends up with for <paramref name="property"/>: the last one set (aliases not folded).</summary>
    public static string? Effective(List<KeyValuePair<string, string>> config, string property)
    {
        for (var i = config.Count - 1; i >= 0; i--)
        {
            if (string.Equals(config[i].Key, property, StringComparison.Ordinal))
            {
                return config[i].Value;
            }
        }

        return null;
    }

    private static void CheckOverride(string property, string value)
    {
        if (property.StartsWith("dotnet.", StringComparison.Ordinal))
        {
            // Confluent.Kafka's own settings, not librdkafka's: the publisher depends on background polling and on
            // delivery reports carrying key and value (for dead letters).
            throw new ConfigurationException(
                $"'kafka.producer.{property}' is a Confluent.Kafka client setting, not a librdkafka property; the connector sets these itself.");
        }

        if (property is "partitioner" && string.Equals(value.Trim(), "random", StringComparison.Ordinal))
        {
            throw new ConfigurationException(
                "'kafka.producer.partitioner' must hash the key (murmur2_random, murmur2, consistent_random, consistent, fnv1a, fnv1a_random): " +
                "\"random\" would spread one document's events over partitions and lose their order.");
        }

        if (property is "delivery.report.only.error")
        {
            throw new ConfigurationException(
                "'kafka.producer.delivery.report.only.error' cannot be used: the connector commits only what a successful delivery report confirmed.");
        }
    }
}
