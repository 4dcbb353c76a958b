using Confluent.Kafka;

namespace Cdc.Connector.Sink;

/// <summary>The delivery-report callback of one dead-letter record (rare: built per record, unlike the pooled ones).</summary>
internal sealed class DeadLetterDeliveryHandler
{
    private readonly KafkaRecordPublisher _publisher;
    private readonly long _sequence;

    public DeadLetterDeliveryHandler(KafkaRecordPublisher publisher, long sequence)
    {
        _publisher = publisher;
        _sequence = sequence;
        Callback = OnReport;
    }

    public Action<DeliveryReport<byte[]?, byte[]?>> Callback { get; }

    private void OnReport(DeliveryReport<byte[]?, byte[]?> report) => _publisher.OnDeadLetterReport(_sequence, report);
}
