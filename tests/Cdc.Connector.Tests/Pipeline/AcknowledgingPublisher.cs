using Cdc.Connector.Sink;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>Acknowledges every record at once on the calling thread and keeps nothing.</summary>
internal sealed class AcknowledgingPublisher(IDeliveryListener listener) : IRecordPublisher
{
    public int LastKeyLength { get; private set; }

    public int LastValueLength { get; private set; }

    public void Produce(string topic, byte[]? key, byte[]? value, long sequence)
    {
        LastKeyLength = key?.Length ?? 0;
        LastValueLength = value?.Length ?? 0;
        listener.Delivered(sequence);
    }

    public void ProduceWithHeaders(string topic, byte[]? key, byte[]? value, Confluent.Kafka.Headers headers, long sequence) => Produce(topic, key, value, sequence);

    public void ProduceDeadLetter(DeadLetterRecord record, long sequence) => listener.Delivered(sequence);

    public bool Flush(TimeSpan timeout) => true;

    public void Dispose()
    {
    }
}
