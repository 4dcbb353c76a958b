using Confluent.Kafka;

namespace Cdc.Connector.Sink;

/// <summary>
/// A reusable delivery-report callback for one slot of the in-flight ring: it holds the sequence of the event whose
/// records use it and one delegate built once, so producing a record allocates no closure.
/// </summary>
/// <remarks>
/// A slot is reused for sequence s + ring size only when every record of s has its report: the watermark lets events
/// in flight span fewer sequences than the ring has slots. Both records of one event (value and tombstone) share it.
/// </remarks>
internal sealed class PooledDeliveryHandler
{
    private readonly KafkaRecordPublisher _publisher;
    private long _sequence;

    public PooledDeliveryHandler(KafkaRecordPublisher publisher)
    {
        _publisher = publisher;
        Callback = OnReport;
    }

    public Action<DeliveryReport<byte[]?, byte[]?>> Callback { get; }

    public long Sequence
    {
        get => Volatile.Read(ref _sequence);
        set => Volatile.Write(ref _sequence, value);
    }

    private void OnReport(DeliveryReport<byte[]?, byte[]?> report) => _publisher.OnRecordReport(Sequence, report);
}
