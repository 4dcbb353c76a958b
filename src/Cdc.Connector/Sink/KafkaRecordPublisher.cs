using Cdc.Connector.Configuration;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Sink;

/// <summary>STUB (contract): Confluent.Kafka producer per kafka.* options. Keep the constructor.</summary>
internal sealed class KafkaRecordPublisher : IRecordPublisher
{
    private readonly KafkaOptions _options;
    private readonly IDeliveryListener _listener;
    private readonly ILogger<KafkaRecordPublisher> _logger;

    // maxInFlightEvents: the watermark's event bound; sequences in flight at once span fewer than this.
    public KafkaRecordPublisher(KafkaOptions options, IDeliveryListener listener, int maxInFlightEvents, ILogger<KafkaRecordPublisher> logger)
    {
        _options = options;
        _listener = listener;
        _logger = logger;
        _ = maxInFlightEvents;
    }

    public void Produce(string topic, byte[]? key, byte[]? value, long sequence) =>
        throw new NotImplementedException(topic + _options + _listener + _logger);

    public void ProduceDeadLetter(DeadLetterRecord record, long sequence) => throw new NotImplementedException(record.Reason);

    public bool Flush(TimeSpan timeout) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
