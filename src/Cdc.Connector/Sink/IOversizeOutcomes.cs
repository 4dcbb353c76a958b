namespace Cdc.Connector.Sink;

/// <summary>
/// Counts what became of records refused for their size after they were produced (the broker's max.message.bytes, or
/// librdkafka's limit with headers), as the forwarder counts those it weighs before: the metrics count every outcome.
/// </summary>
internal interface IOversizeOutcomes
{
    /// <summary>An event stopped the connector under mapping.oversize=fail (or reference, which cannot apply after producing).</summary>
    void OversizeEventFailed();

    /// <summary>An event went to kafka.deadLetterTopic under mapping.oversize=deadLetter.</summary>
    void OversizeEventDeadLettered();

    /// <summary>An event went to kafka.deadLetterTopic (for any reason).</summary>
    void EventDeadLettered();
}
