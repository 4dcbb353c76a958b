namespace Cdc.Connector.Sink;

/// <summary>
/// Hears librdkafka's delivery reports, on librdkafka's delivery thread: must be quick, thread-safe and never throw.
/// <see cref="Checkpoint.AckWatermark"/> is the listener in the connector.
/// </summary>
internal interface IDeliveryListener
{
    /// <summary>One record of the event numbered <paramref name="sequence"/> was acknowledged by Kafka.</summary>
    void Delivered(long sequence);

    /// <summary>A record of that event failed for good: nothing at or after it may ever be committed.</summary>
    void Failed(long sequence, Exception error);

    /// <summary>The producer itself failed (a fatal librdkafka error): stop, never commit past what was delivered.</summary>
    void ProducerFailed(Exception error);
}
