namespace Cdc.Connector.Sink;

/// <summary>
/// Hears where Kafka placed each acknowledged record (the live view shows topic, partition and offset), on librdkafka's
/// delivery thread: must be quick, thread-safe and never throw. Called after the record's <see cref="IDeliveryListener.Delivered"/>.
/// </summary>
internal interface IRecordPlacementListener
{
    /// <summary>False while nobody needs placements: the publisher then skips the call (and the report's topic string).</summary>
    bool WantsPlacements { get; }

    /// <summary>A record of the event numbered <paramref name="sequence"/> is at <paramref name="topic"/>/<paramref name="partition"/>/<paramref name="offset"/>.</summary>
    void Placed(long sequence, string topic, int partition, long offset);
}
