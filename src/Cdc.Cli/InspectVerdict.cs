using System.Globalization;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Sink;
using Cdc.Schemas.Mapping;

namespace Cdc.Cli;

/// <summary>What `cdc run` does with an event, as `cdc inspect` reports it.</summary>
internal enum InspectAction
{
    /// <summary>Its records are produced to its topic.</summary>
    Publish,

    /// <summary>mapping.keylessEvents=skip drops it; it is only counted.</summary>
    Skip,

    /// <summary>Its record is too large for Kafka: a record with its key and no value goes to kafka.deadLetterTopic.</summary>
    DeadLetter,

    /// <summary>The connector stops at it (exit 1).</summary>
    Stop,
}

/// <summary>
/// `cdc run`'s fate for one mapped event, decided by the same limits and policies the pipeline meets: MongoDB cannot
/// return a change event over 16 MB (the stream fails with BSONObjectTooLarge, on which the connector stops), and
/// librdkafka refuses a record over <c>message.max.bytes</c> (<see cref="RecordSize"/>), which then goes to
/// <c>kafka.deadLetterTopic</c> or, without one, stops the connector (<see cref="KafkaRecordPublisher"/>).
/// </summary>
internal sealed record InspectVerdict(InspectAction Action, string? Reason, string? Fix, string? DeadLetterTopic, long RecordBytes, long MessageMaxBytes)
{
    /// <summary>MongoDB's limit for one change event (its BSON document), 16 MB.</summary>
    public const int MaxEventBytes = 16 * 1024 * 1024;

    /// <summary>Schema Registry framing before each Avro payload: the magic byte and the 4-byte schema id.</summary>
    public const int FramingBytes = 5;

    public bool Published => Action == InspectAction.Publish;

    public string ActionName => Action switch
    {
        InspectAction.Skip => "skip",
        InspectAction.DeadLetter => "deadLetter",
        InspectAction.Stop => "stop",
        _ => "publish",
    };

    /// <param name="eventBytes">The event's size as BSON.</param>
    /// <param name="mapped">What the mapper made of it.</param>
    /// <param name="keyBytes">The Avro key payload's size, unframed.</param>
    /// <param name="valueBytes">The Avro value payload's size, unframed.</param>
    /// <param name="kafka">The kafka section: message.max.bytes and the dead-letter topic.</param>
    public static InspectVerdict Of(long eventBytes, MappedEvent mapped, long keyBytes, long valueBytes, KafkaOptions kafka)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        var messageMaxBytes = ProducerConfigBuilder.MessageMaxBytes(kafka.Producer);
        var key = mapped.Key == MappedKey.Written ? keyBytes + FramingBytes : 0;
        var recordBytes = mapped.Skipped ? 0 : key + valueBytes + FramingBytes;
        if (eventBytes > MaxEventBytes)
        {
            return new InspectVerdict(
                InspectAction.Stop,
                Invariant($"the event is {eventBytes:N0} bytes of BSON, over MongoDB's 16 MB limit for a change event ({MaxEventBytes:N0} bytes): the server cannot return it and fails the change stream with BSONObjectTooLarge (code 10334), on which `cdc run` stops (exit 1)"),
                MongoFailureAdvice.EventTooLargeFix,
                null,
                recordBytes,
                messageMaxBytes);
        }

        if (mapped.Skipped)
        {
            return new InspectVerdict(
                InspectAction.Skip,
                mapped.OperationType is OperationTypeCache.Update or OperationTypeCache.Replace
                    ? "an update or replace without its document, with typed values (mapping.value=document): `cdc run` does not publish it, only counts it, since a record with every field null would overwrite a sink's row"
                    : "keyless event (no documentKey) and mapping.keylessEvents is \"skip\": `cdc run` does not publish it, only counts it",
                null,
                null,
                0,
                messageMaxBytes);
        }

        if (RecordSize.Fits(messageMaxBytes, key, valueBytes + FramingBytes))
        {
            return new InspectVerdict(InspectAction.Publish, null, null, null, recordBytes, messageMaxBytes);
        }

        var tooLarge = Invariant(
            $"its record for topic '{mapped.Topic}' is {recordBytes:N0} bytes (key and value with their Schema Registry framing); with librdkafka's {RecordSize.MaxOverheadBytes} bytes of record framing that is over kafka.producer.message.max.bytes ({messageMaxBytes:N0}), so librdkafka refuses it");
        const string RaiseLimit = "raise kafka.producer.message.max.bytes together with the topic's max.message.bytes";
        if (string.IsNullOrWhiteSpace(kafka.DeadLetterTopic))
        {
            return new InspectVerdict(
                InspectAction.Stop,
                tooLarge + ", and kafka.deadLetterTopic is not set: `cdc run` stops (exit 1)",
                "set kafka.deadLetterTopic to divert such records, or " + RaiseLimit,
                null,
                recordBytes,
                messageMaxBytes);
        }

        // The dead-letter record keeps the key, drops the value and says why in its headers: it must fit too.
        var headers = DeadLetterHeaders.ForTooLarge(RecordSize.OverLimitReason(recordBytes, messageMaxBytes), mapped.Topic, recordBytes);
        if (!RecordSize.Fits(messageMaxBytes, key, 0, RecordSize.HeaderBytes(headers)))
        {
            return new InspectVerdict(
                InspectAction.Stop,
                tooLarge + ", and the dead-letter record, which keeps its key, is over the limit too: `cdc run` stops (exit 1)",
                RaiseLimit,
                null,
                recordBytes,
                messageMaxBytes);
        }

        return new InspectVerdict(
            InspectAction.DeadLetter,
            tooLarge + $": `cdc run` sends a record with the same key, no value and the headers cdc.reason, cdc.topic and cdc.recordBytes to the dead-letter topic '{kafka.DeadLetterTopic}' instead, and counts the event as delivered once that record is acknowledged",
            null,
            kafka.DeadLetterTopic,
            recordBytes,
            messageMaxBytes);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
