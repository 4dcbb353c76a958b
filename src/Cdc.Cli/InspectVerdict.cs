using System.Globalization;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Cdc.Schemas.Mapping;

namespace Cdc.Cli;

/// <summary>What `cdc run` does with an event, as `cdc inspect` reports it.</summary>
internal enum InspectAction
{
    /// <summary>Its records are produced to its topic.</summary>
    Publish,

    /// <summary>mapping.keylessEvents=skip drops it; it is only counted.</summary>
    Skip,

    /// <summary>Its record is too large for Kafka (mapping.oversize=deadLetter): a small record describing it goes to kafka.deadLetterTopic.</summary>
    DeadLetter,

    /// <summary>Its record is too large for Kafka (mapping.oversize=reference): it is published with its largest bodies replaced by references.</summary>
    Reference,

    /// <summary>The connector stops at it (exit 1).</summary>
    Stop,
}

/// <summary>
/// `cdc run`'s fate for one mapped event, decided by the same limits and policies the pipeline meets: MongoDB cannot
/// return a change event over 16 MB (the stream fails with BSONObjectTooLarge, on which the connector stops), and a
/// record over <c>message.max.bytes</c> (<see cref="RecordSize"/>, as librdkafka weighs it) follows mapping.oversize as
/// the pipeline's forwarder applies it: stop, a dead-letter record, or the record with its largest bodies referenced.
/// </summary>
/// <param name="Action">What `cdc run` does.</param>
/// <param name="Reason">Why, whenever it does not simply publish.</param>
/// <param name="Fix">What to change, when it stops.</param>
/// <param name="DeadLetterTopic">Where the dead-letter record goes (deadLetter).</param>
/// <param name="RecordBytes">Key and value as produced, Schema Registry framing included (before any omission).</param>
/// <param name="MessageMaxBytes">The limit in force.</param>
internal sealed record InspectVerdict(InspectAction Action, string? Reason, string? Fix, string? DeadLetterTopic, long RecordBytes, long MessageMaxBytes)
{
    /// <summary>
    /// The largest change event MongoDB returns whole: its limit for any BSON object it builds (BSONObjMaxInternalSize,
    /// 16 MiB + 16 KiB), not the 16 MiB of a user document. Larger ones come split, or fail the stream.
    /// </summary>
    public const int MaxEventBytes = (16 * 1024 * 1024) + (16 * 1024);

    /// <summary>Schema Registry framing before each Avro payload: the magic byte and the 4-byte schema id.</summary>
    public const int FramingBytes = 5;

    /// <summary>What else the user should know about the event (one over 16 MB, which only a splitting server delivers).</summary>
    public string? Note { get; init; }

    /// <summary>With <see cref="InspectAction.Reference"/>: the record `cdc run` publishes instead (its payloads, omitted paths).</summary>
    public ReferencedEvent? Referenced { get; init; }

    public bool Published => Action is InspectAction.Publish or InspectAction.Reference;

    public string ActionName => Action switch
    {
        InspectAction.Skip => "skip",
        InspectAction.DeadLetter => "deadLetter",
        InspectAction.Reference => "reference",
        InspectAction.Stop => "stop",
        _ => "publish",
    };

    /// <param name="eventBson">The event as BSON.</param>
    /// <param name="mapped">What the mapper made of it.</param>
    /// <param name="keyBytes">The Avro key payload's size, unframed.</param>
    /// <param name="valueBytes">The Avro value payload's size, unframed.</param>
    /// <param name="configuration">message.max.bytes, the dead-letter topic, mapping.oversize and mapping.value.</param>
    /// <param name="mapReferencing">Maps the event with bodies replaced until the record fits (mapping.oversize=reference).</param>
    public static InspectVerdict Of(
        ReadOnlySpan<byte> eventBson, MappedEvent mapped, long keyBytes, long valueBytes, CdcOptions configuration, Func<long, ReferencedEvent> mapReferencing)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(mapReferencing);
        var kafka = configuration.Kafka;
        var messageMaxBytes = ProducerConfigBuilder.MessageMaxBytes(kafka.Producer);
        var key = mapped.Key == MappedKey.Written ? keyBytes + FramingBytes : 0;
        var recordBytes = mapped.Skipped ? 0 : key + valueBytes + FramingBytes;
        if (eventBson.Length <= MaxEventBytes)
        {
            return OfRecord(eventBson, mapped, key, valueBytes, recordBytes, messageMaxBytes, configuration, mapReferencing);
        }

        var size = Invariant($"the event is {eventBson.Length:N0} bytes of BSON, over MongoDB's limit for one change event ({MaxEventBytes:N0} bytes)");
        if (configuration.MongoDb.SplitLargeEvents == SplitLargeEventsMode.Off && !ChangeStreamPipeline.EndsWithSplitStage(configuration.MongoDb))
        {
            return new InspectVerdict(
                InspectAction.Stop,
                size + " and mongodb.splitLargeEvents is off: the server cannot return it whole and fails the change stream with BSONObjectTooLarge (code 10334), on which `cdc run` stops (exit 1)",
                MongoFailureAdvice.EventTooLargeFix,
                null,
                recordBytes,
                messageMaxBytes);
        }

        // Read whole only from a server that splits it; what becomes of its record is then decided as for any other.
        return OfRecord(eventBson, mapped, key, valueBytes, recordBytes, messageMaxBytes, configuration, mapReferencing) with
        {
            Note = size + ": MongoDB 7.0 or later (or 6.0.9 or a later 6.0) delivers it in fragments, which `cdc run` reassembles into this event "
                + "(mongodb.splitLargeEvents=auto); an older server fails the change stream with BSONObjectTooLarge (code 10334), on which `cdc run` stops (docs/large-events.md)",
        };
    }

    private static InspectVerdict OfRecord(
        ReadOnlySpan<byte> eventBson, MappedEvent mapped, long key, long valueBytes, long recordBytes, long messageMaxBytes, CdcOptions configuration, Func<long, ReferencedEvent> mapReferencing)
    {
        var kafka = configuration.Kafka;

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

        var tokenData = ChangeEventIdentity.TokenData(ChangeEventIdentity.ResumeToken(eventBson));
        var oversized = OversizedEvent.Of(mapped, eventBson, tokenData, recordBytes, messageMaxBytes);
        var tooLarge = Invariant(
            $"its record for topic '{mapped.Topic}' is {recordBytes:N0} bytes (key and value with their Schema Registry framing); with librdkafka's {RecordSize.MaxOverheadBytes} bytes of record framing that is over kafka.producer.message.max.bytes ({messageMaxBytes:N0})");
        const string OtherPolicies = "; or set mapping.oversize=deadLetter (with kafka.deadLetterTopic) or mapping.oversize=reference";
        switch (configuration.Mapping.Oversize)
        {
            case OversizePolicy.DeadLetter:
            {
                // The dead-letter record keeps the key and describes the event in a small JSON value: it must fit too.
                var record = oversized.DeadLetter(new byte[key]);
                var headerBytes = RecordSize.HeaderBytes(DeadLetterHeaders.For(record));
                if (!RecordSize.Fits(messageMaxBytes, key, record.Value?.Length ?? 0, headerBytes))
                {
                    return new InspectVerdict(
                        InspectAction.Stop,
                        tooLarge + ", mapping.oversize is deadLetter, and the dead-letter record, which keeps its key, is over the limit too: `cdc run` stops (exit 1)",
                        OversizedEvent.RaiseTheLimits,
                        null,
                        recordBytes,
                        messageMaxBytes);
                }

                return new InspectVerdict(
                    InspectAction.DeadLetter,
                    tooLarge + $", and mapping.oversize is deadLetter: `cdc run` sends a record with the same key, a JSON value describing the event and the headers cdc.reason, cdc.topic, cdc.recordBytes, cdc.resumeToken, cdc.operationType and cdc.namespace to the dead-letter topic '{kafka.DeadLetterTopic}' instead, and counts the event as delivered once that record is acknowledged",
                    null,
                    kafka.DeadLetterTopic,
                    recordBytes,
                    messageMaxBytes);
            }

            case OversizePolicy.Reference when configuration.Mapping.Value == ValueFormat.Envelope:
            {
                var referenced = mapReferencing(messageMaxBytes);
                var referencedBytes = RecordSize.FramedBytes(referenced.Key) + RecordSize.FramedBytes(referenced.Value);
                if (!referenced.Fits)
                {
                    return new InspectVerdict(
                        InspectAction.Stop,
                        tooLarge + (referenced.OmittedPaths.Count == 0
                            ? ", mapping.oversize is reference, and the event carries no document body to replace: `cdc run` stops (exit 1)"
                            : Invariant($", mapping.oversize is reference, and with every document body replaced ({referenced.OmittedHeader}) the record is still {referencedBytes:N0} bytes: `cdc run` stops (exit 1)")),
                        OversizedEvent.RaiseTheLimits + "; or set mapping.oversize=deadLetter (with kafka.deadLetterTopic)",
                        null,
                        recordBytes,
                        messageMaxBytes);
                }

                return new InspectVerdict(
                    InspectAction.Reference,
                    tooLarge + Invariant($", and mapping.oversize is reference: `cdc run` publishes it with {referenced.OmittedHeader} replaced by references ({{\"$cdcOmitted\": {{bsonBytes, sha256}}}}), {referencedBytes:N0} bytes, and the header cdc.omitted"),
                    null,
                    null,
                    recordBytes,
                    messageMaxBytes)
                {
                    Referenced = referenced,
                };
            }

            default:
                return new InspectVerdict(
                    InspectAction.Stop,
                    tooLarge + ", and mapping.oversize is fail: `cdc run` stops (exit 1)",
                    OversizedEvent.RaiseTheLimits + OtherPolicies,
                    null,
                    recordBytes,
                    messageMaxBytes);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
