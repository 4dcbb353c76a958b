using System.Globalization;
using System.Text.Json;
using Cdc.Connector.Sink;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// What is known of an event whose record is over kafka.producer.message.max.bytes (mapping.oversize), in the words its
/// failure message, its dead-letter record and its log lines use. Built only on that rare path, so it allocates freely.
/// </summary>
/// <param name="Namespace">db.coll, db alone for database events, "(none)" without a namespace.</param>
/// <param name="Topic">Where its change record would have gone.</param>
/// <param name="OperationType">Its operationType.</param>
/// <param name="ResumeTokenData">Its resume token's _data string, or null.</param>
/// <param name="DocumentKeyJson">Its documentKey as canonical Extended JSON, or null for a keyless event.</param>
/// <param name="RecordBytes">Key and value as they would be produced, Schema Registry framing included.</param>
/// <param name="MessageMaxBytes">The limit in force.</param>
internal sealed record OversizedEvent(
    string Namespace, string Topic, string OperationType, string? ResumeTokenData, string? DocumentKeyJson, long RecordBytes, long MessageMaxBytes)
{
    /// <summary>The documentKey is cut to about this many characters in messages: enough to find the document, short enough for a log line.</summary>
    private const int MessageDocumentKeyChars = 200;

    /// <summary>The reason of its dead-letter record (header cdc.reason and the JSON's "reason"), as a size refusal's always was.</summary>
    public string Reason => RecordSize.OverLimitReason(RecordBytes, MessageMaxBytes);

    public static OversizedEvent Of(MappedEvent mapped, ReadOnlySpan<byte> changeEvent, string? tokenData, long recordBytes, long messageMaxBytes)
    {
        var route = mapped.Route;
        var ns = route.Db is null ? "(none)" : route.Coll is null ? route.Db : $"{route.Db}.{route.Coll}";
        return new OversizedEvent(ns, mapped.Topic, mapped.OperationType, tokenData, ChangeEventIdentity.DocumentKeyJson(changeEvent), recordBytes, messageMaxBytes);
    }

    /// <summary>The event as messages name it: namespace, operation type, resume token and (shortened) documentKey.</summary>
    public string Describe()
    {
        var documentKey = DocumentKeyJson is null
            ? "no documentKey"
            : DocumentKeyJson.Length <= MessageDocumentKeyChars
                ? $"documentKey {DocumentKeyJson}"
                : Invariant($"documentKey {DocumentKeyJson[..MessageDocumentKeyChars]}… ({DocumentKeyJson.Length:N0} characters)");
        return $"the {OperationType} event on {Namespace} (resume token {ResumeTokenData ?? "(no _data)"}, {documentKey})";
    }

    /// <summary>The message a connector stopped by mapping.oversize=fail prints: the event, the sizes and every limit to raise.</summary>
    public string FailureMessage() =>
        OverLimit() + ", and mapping.oversize is fail: the connector stops here and commits nothing at or after this event. Fix: " + RaiseTheLimits
        + "; or set mapping.oversize=deadLetter (with kafka.deadLetterTopic) to send a small record describing such events there, "
        + "or mapping.oversize=reference to replace the largest document bodies with references (size and SHA-256).";

    /// <summary>mapping.oversize=reference could not make the record fit: <paramref name="omitted"/> paths were all replaced (none when there was no body).</summary>
    public string ReferenceFailureMessage(IReadOnlyList<string> omitted, long referencedBytes) =>
        OverLimit() + ", and mapping.oversize is reference, but "
        + (omitted.Count == 0
            ? "the event carries no document body to replace"
            : Invariant($"with every document body replaced ({string.Join(',', omitted)}) the record is still {referencedBytes:N0} bytes"))
        + ": the connector stops here and commits nothing at or after this event. Fix: " + RaiseTheLimits
        + "; or set mapping.oversize=deadLetter (with kafka.deadLetterTopic).";

    /// <summary>mapping.oversize=deadLetter, but the dead-letter record (which keeps the key) is over the limit too.</summary>
    public string DeadLetterTooLargeMessage(long keyBytes) =>
        OverLimit() + Invariant($", and mapping.oversize is deadLetter, but its dead-letter record is over the limit too: it keeps the record's key ({keyBytes:N0} bytes), so the documentKey alone is too large. ")
        + "The connector stops here and commits nothing at or after this event. Fix: " + RaiseTheLimits + " (the dead-letter topic's max.message.bytes as well).";

    /// <summary>The fix common to every oversized record: the limits that must all let it through.</summary>
    public const string RaiseTheLimits =
        "raise the limits together so the record fits: kafka.producer.message.max.bytes, the topic's max.message.bytes (a topic without it takes the broker's message.max.bytes), "
        + "and for consumers built on librdkafka receive.message.max.bytes (Java consumers still get a record larger than max.partition.fetch.bytes and fetch.max.bytes, alone; docs/large-events.md)";

    /// <summary>The event, its record's size and topic, and the limit in force.</summary>
    public string OverLimit() =>
        Invariant($"The record of {Describe()} is {RecordBytes:N0} bytes for topic '{Topic}', over the limit in force, kafka.producer.message.max.bytes ({MessageMaxBytes:N0}, which librdkafka weighs with up to {RecordSize.MaxOverheadBytes} bytes of record framing)");

    /// <summary>
    /// The value of its dead-letter record, UTF-8 JSON: reason, namespace, topic, operationType, resumeToken (the _data
    /// string), documentKey (the canonical Extended JSON object itself, not a string), recordBytes and messageMaxBytes.
    /// </summary>
    public byte[] DeadLetterJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("reason", Reason);
            json.WriteString("namespace", Namespace);
            json.WriteString("topic", Topic);
            json.WriteString("operationType", OperationType);
            WriteStringOrNull(json, "resumeToken", ResumeTokenData);
            json.WritePropertyName("documentKey");
            if (DocumentKeyJson is null)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteRawValue(DocumentKeyJson, skipInputValidation: false);
            }

            json.WriteNumber("recordBytes", RecordBytes);
            json.WriteNumber("messageMaxBytes", MessageMaxBytes);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The dead-letter record of this event, its key a copy of the change record's framed key.</summary>
    public DeadLetterRecord DeadLetter(byte[]? framedKey) =>
        new(Reason, Topic, ResumeTokenData, OperationType, framedKey is null ? null : (byte[])framedKey.Clone(), DeadLetterJson())
        {
            RecordBytes = RecordBytes,
            Namespace = Namespace,
        };

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
