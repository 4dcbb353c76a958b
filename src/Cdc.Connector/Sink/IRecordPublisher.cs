namespace Cdc.Connector.Sink;

/// <summary>
/// Produces Kafka records tagged with the watermark sequence of the event they belong to; delivery reports go to the
/// <see cref="IDeliveryListener"/> given at construction. Not thread-safe for callers: one producing thread.
/// </summary>
internal interface IRecordPublisher : IDisposable
{
    /// <summary>
    /// Produces one record (key and value already framed; a null value is a tombstone). Blocks while librdkafka's local
    /// queue is full. A record over the size limit (local or broker) goes to kafka.deadLetterTopic, the listener hearing
    /// Delivered once that record is acknowledged; with no dead-letter topic the sequence fails with
    /// <see cref="RecordTooLargeException"/>. The arrays are lent for the call alone: the caller reuses them for later
    /// records, so whatever the publisher needs afterwards it copies (librdkafka copies key and value at produce).
    /// </summary>
    void Produce(string topic, byte[]? key, byte[]? value, long sequence);

    /// <summary>Produces an event that cannot be mapped straight to kafka.deadLetterTopic, headers saying why.
    /// With no dead-letter topic configured this throws <see cref="DeadLetterUnavailableException"/>.</summary>
    void ProduceDeadLetter(DeadLetterRecord record, long sequence);

    /// <summary>Waits until every produced record has a delivery report, or the timeout; true when none is outstanding.</summary>
    bool Flush(TimeSpan timeout);
}
