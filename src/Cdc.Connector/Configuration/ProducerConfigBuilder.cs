using System.Globalization;

namespace Cdc.Connector.Configuration;

/// <summary>
/// The librdkafka producer properties of the connector, in the order librdkafka must apply them: the connector's
/// defaults, then every <c>kafka.producer</c> entry (so any librdkafka property, aliases included, overrides a
/// default), then the settings the guarantees rest on.
/// </summary>
/// <remarks>
/// Defaults, and why:
/// <list type="bullet">
/// <item><c>linger.ms=10</c>: change events arrive in bursts (one getMore batch at a time); 10 ms gathers a burst into
/// few requests while adding far less latency than a change stream's own batching. A deliberate trade-off, measured
/// (docs/benchmarks.md, "Issue 18, item 4"): it is most of the latency the connector adds (p50 ≈ 16 ms at 1,000
/// events/s against 0.6 ms with 0), and 0 sends a request for almost every record, costing ≈ 1.5× the CPU per event
/// at 1,000–5,000 events/s. 5 halved the p50 with no CPU difference the noisy benchmark machine could show: a
/// setting for latency-sensitive pipelines, not yet evidence enough to move the default.</item>
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
/// </list>
/// Left at librdkafka's default on purpose: <c>enable.gapless.guarantee</c> (false). With it, librdkafka turns any
/// permanent batch failure into a fatal producer error; the connector does not need that (the watermark never commits
/// past a failed record, and a failure restarts the pipeline from the committed checkpoint, which re-sends the gap),
/// and it would turn a broker's MSG_SIZE_TOO_LARGE, which must go to the dead-letter topic, into a producer failure.
/// It is not set even to its default: librdkafka warns (CONFWARN, "experimental") about any experimental property
/// that is set, whatever its value, on every start.
/// Enforced after the user's entries: <c>enable.idempotence=true</c> and <c>acks=all</c> (the configuration loader
/// already rejects other values). <c>partitioner</c> defaults to <c>murmur2_random</c> (Java-compatible) and may be
/// overridden — a topic first written by another librdkafka client may need its <c>consistent_random</c> — but never
/// to <c>random</c>, which ignores the key and so would break order per document. The configuration loader checks
/// every entry when it loads (<see cref="Configuration.ProducerProperties"/>: the connector's own rules, then
/// librdkafka's judgement of these very properties), so nothing here is refused when the producer is built.
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
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            // The loader refuses to run without it (RunRequirements); reaching here is a caller's mistake.
            throw new ArgumentException("kafka.bootstrapServers must be set before the producer's configuration is built (ConfigurationLoader.LoadForRun requires it).", nameof(options));
        }

        var config = Properties(options.Producer, maxInFlightEvents);
        config.Insert(0, new("bootstrap.servers", options.BootstrapServers));
        return config;
    }

    /// <summary>
    /// Every property of the producer but <c>bootstrap.servers</c>, in the order they are applied: the defaults, the
    /// <paramref name="producer"/> entries, the guarantees. What the configuration loader has librdkafka judge.
    /// </summary>
    public static List<KeyValuePair<string, string>> Properties(IReadOnlyDictionary<string, string> producer, int maxInFlightEvents)
    {
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlightEvents, 1);
        var queueMessages = Math.Clamp((2L * maxInFlightEvents) + QueueHeadroom, LibrdkafkaDefaultQueueMessages, int.MaxValue);
        var config = new List<KeyValuePair<string, string>>(16 + producer.Count)
        {
            new("client.id", "cdc"),
            new("partitioner", DefaultPartitioner),
            new("linger.ms", DefaultLingerMs),
            new("compression.type", DefaultCompression),
            new("batch.size", "1000000"),
            new("batch.num.messages", "10000"),
            new("message.timeout.ms", DefaultMessageTimeoutMs.ToString(CultureInfo.InvariantCulture)),
            new("queue.buffering.max.messages", queueMessages.ToString(CultureInfo.InvariantCulture)),
        };
        config.AddRange(producer);
        config.Add(new("enable.idempotence", "true"));
        config.Add(new("acks", "all"));
        return config;
    }

    /// <summary>The message.max.bytes the producer runs with: the kafka.producer entry, else librdkafka's default.</summary>
    public static long MessageMaxBytes(IReadOnlyDictionary<string, string> producer)
    {
        ArgumentNullException.ThrowIfNull(producer);
        return producer.TryGetValue("message.max.bytes", out var text)
            && long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
                ? bytes
                : LibrdkafkaDefaultMessageMaxBytes;
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
}
