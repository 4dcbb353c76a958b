namespace Cdc.Connector.Configuration;

/// <summary>
/// mapping.oversize: what happens to a change record over the producer's limit (kafka.producer.message.max.bytes).
/// The default stops the connector, because any other answer puts something other than the change in the change
/// topic's place, and that must be a decision the operator made.
/// </summary>
internal enum OversizePolicy
{
    /// <summary>Stop at the event (exit 1), committing nothing at or after it.</summary>
    Fail,

    /// <summary>Send a small JSON record describing the event to kafka.deadLetterTopic instead.</summary>
    DeadLetter,

    /// <summary>Envelope values only: replace the largest document bodies with a marker (size and SHA-256) until the record fits.</summary>
    Reference,
}
