using Confluent.Kafka;

namespace Cdc.Connector.Sink;

/// <summary>
/// A reusable delivery-report callback for one slot of an in-flight ring: it holds the sequence of the event whose
/// record uses it, that record's key and size (delivery reports carry no message fields), and one delegate built
/// once, so producing a record allocates no closure.
/// </summary>
/// <remarks>
/// A slot is reused for sequence s + ring size only when every record of s has its report: the watermark lets events
/// in flight span fewer sequences than the ring has slots. An event's value record and its tombstone use two rings.
/// </remarks>
internal sealed class PooledDeliveryHandler
{
    private readonly KafkaRecordPublisher _publisher;
    private readonly Lock _gate = new();
    private long _sequence;
    private byte[]? _key;
    private long _recordBytes;

    public PooledDeliveryHandler(KafkaRecordPublisher publisher)
    {
        _publisher = publisher;
        Callback = OnReport;
    }

    public Action<DeliveryReport<byte[]?, byte[]?>> Callback { get; }

    /// <summary>Called by the producing thread before the record is handed to the producer.</summary>
    public void Track(long sequence, byte[]? key, long recordBytes)
    {
        lock (_gate)
        {
            _sequence = sequence;
            _key = key;
            _recordBytes = recordBytes;
        }
    }

    private void OnReport(DeliveryReport<byte[]?, byte[]?> report)
    {
        long sequence;
        byte[]? key;
        long recordBytes;
        lock (_gate)
        {
            sequence = _sequence;
            key = _key;
            recordBytes = _recordBytes;

            // Released before the report is handled: handling it may free the slot for a later event's record.
            _key = null;
        }

        _publisher.OnRecordReport(sequence, key, recordBytes, report);
    }
}
