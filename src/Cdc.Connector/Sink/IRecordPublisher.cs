namespace Cdc.Connector.Sink;

/// <summary>
/// Produces Kafka records tagged with the watermark sequence of the event they belong to; delivery reports go to the
/// <see cref="IDeliveryListener"/> given at construction. Not thread-safe for callers: one producing thread.
/// </summary>
internal interface IRecordPublisher : IDisposable
{
    /// <summary>
    /// Produces one record (key and value already framed; a null value is a tombstone). Blocks while librdkafka's local
    /// queue is full. A record refused for its size (locally, or by the broker whose topic limit is lower) follows
    /// mapping.oversize: with deadLetter a record with its key goes to kafka.deadLetterTopic, the listener hearing
    /// Delivered once that record is acknowledged; otherwise the sequence fails with <see cref="RecordTooLargeException"/>.
    /// The arrays are lent for the call alone: the caller reuses them for later records, so whatever the publisher needs
    /// afterwards it copies (librdkafka copies key and value at produce).
    /// </summary>
    void Produce(string topic, byte[]? key, byte[]? value, long sequence);

    /// <summary>
    /// <see cref="Produce"/> for the rare record that carries headers (a change record whose bodies were replaced by
    /// references, with its cdc.omitted header): the hot path keeps its reused message, whose headers stay empty.
    /// </summary>
    void ProduceWithHeaders(string topic, byte[]? key, byte[]? value, Confluent.Kafka.Headers headers, long sequence);

    /// <summary>Produces an event that cannot be mapped straight to kafka.deadLetterTopic, headers saying why.
    /// With no dead-letter topic configured this throws <see cref="DeadLetterUnavailableException"/>.</summary>
    void ProduceDeadLetter(DeadLetterRecord record, long sequence);

    /// <summary>Waits until every produced record has a delivery report, or the timeout; true when none is outstanding.</summary>
    bool Flush(TimeSpan timeout);
}
