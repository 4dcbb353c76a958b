using System.Buffers;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.LiveView;
using Cdc.Connector.Observability;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Moves one change event from the source to the producer on the reading thread: map into reused buffers, frame with
/// the schema ids, wait for room, track it in the watermark, produce its records. Nothing here allocates per event
/// once the lengths of its records were seen: the record arrays are lent to the producer, which copies them.
/// </summary>
internal sealed class EventForwarder
{
    private const string InvalidateOperation = "invalidate";

    /// <summary>A collection's options changed (collMod; streams with showExpandedEvents).</summary>
    private const string ModifyOperation = "modify";

    /// <summary>The operation_type label of events whose type cannot be read.</summary>
    private const string UnknownOperation = "unknown";

    private readonly ChangeEventMapper _mapper;
    private readonly SchemaIdCache _schemaIds;
    private readonly AckWatermark _watermark;
    private readonly IRecordPublisher _publisher;
    private readonly PipelineCounters _counters;
    private readonly ILogger _logger;
    private readonly ConnectorStatus _status;
    private readonly FramedPayloadBuffer _key;
    private readonly FramedPayloadBuffer _value;
    private readonly LiveChangeFeed? _live;
    private readonly TypedValueEncoder? _typed;

    public EventForwarder(EventEncoding encoding, AckWatermark watermark, IRecordPublisher publisher, PipelineObservers observers)
    {
        _mapper = encoding.Mapper;
        _schemaIds = encoding.SchemaIds;
        _key = encoding.Buffers.Key;
        _value = encoding.Buffers.Value;
        _watermark = watermark;
        _publisher = publisher;
        _counters = observers.Counters;
        _status = observers.Status;
        _logger = observers.Logger;
        _live = observers.Live;
        _typed = encoding.Typed;

        // One forwarder per cycle, and each cycle's watermark numbers its events from the start again.
        _live?.Reset();
    }

    /// <summary>
    /// Forwards <paramref name="changeEvent"/>. False when the cycle must end: stopping was requested or the watermark
    /// holds a failure. Throws for what stops the connector (an unmappable event without a dead-letter topic, a
    /// registry refusal) and <see cref="OperationCanceledException"/> when stopped while waiting for the registry.
    /// </summary>
    public bool Forward(ReadOnlySpan<byte> changeEvent, SnapshotProgress? snapshot, CancellationToken stopping)
    {
        try
        {
            return ForwardEvent(changeEvent, snapshot, stopping);
        }
        finally
        {
            // Buffers that one very large event grew (tens of MB) go back to their usual sizes once its records were
            // handed to the producer, so the collection after it (LargeEventMemory) can free them.
            _mapper.TrimAfterLargeEvent();
            _key.TrimAfterLargeRecord();
            _value.TrimAfterLargeRecord();
        }
    }

    private bool ForwardEvent(ReadOnlySpan<byte> changeEvent, SnapshotProgress? snapshot, CancellationToken stopping)
    {
        var token = ChangeEventIdentity.ResumeToken(changeEvent);
        if (token.Length < 5)
        {
            _counters.EventRead(ChangeEventIdentity.OperationType(changeEvent) ?? UnknownOperation);
            throw new UnresumableEventException(
                "A change event has no _id resume token document, so it can never be committed or resumed from; "
                + "the change stream's pipeline (mongodb.pipeline) must not remove or modify _id.");
        }

        _key.Reset();
        _value.Reset();
        if (changeEvent.Length >= FramedPayloadBuffer.RetainedBytes / 2)
        {
            // The envelope of a very large event is about its size: one array for it (FramedPayloadBuffer.Reserve).
            _value.Reserve(changeEvent.Length + (changeEvent.Length / 4));
        }

        MappedEvent mapped;
        TypedEventParts typedParts = default;
        try
        {
            mapped = _typed is null ? _mapper.Map(changeEvent, _key, _value) : _mapper.MapForTypedValue(changeEvent, _key, out typedParts);
        }
        catch (ChangeEventMappingException ex)
        {
            return DeadLetter(changeEvent, token, snapshot, ex, stopping);
        }

        _counters.EventRead(mapped.OperationType);
        _status.EventRead(mapped.EventTimeMs);

        var isInvalidate = string.Equals(mapped.OperationType, InvalidateOperation, StringComparison.Ordinal);
        if (mapped.Skipped)
        {
            if (!WaitForRoom(0, stopping))
            {
                return false;
            }

            _watermark.Track(token, isInvalidate, records: 0, bytes: 0, snapshot);
            _counters.EventSkipped();
            return true;
        }

        // Waiting on the Schema Registry (retried while it is down) or for room (back-pressure while Kafka is slow or
        // down) is designed: /healthz must not call the reading thread wedged for it.
        _status.WaitStarted(ReaderWait.SchemaRegistry);
        SchemaIds ids = default;
        ChangeEventMappingException? unwritable = null;
        try
        {
            if (_typed is null)
            {
                ids = _schemaIds.Resolve(mapped.Route, stopping);
            }
            else
            {
                if (string.Equals(mapped.OperationType, ModifyOperation, StringComparison.Ordinal))
                {
                    // The collection's options changed, its validator perhaps: its new fields join the schema first.
                    _typed.CollectionModified(mapped.Route, stopping);
                }

                // The typed value is written now, with the schema its namespace's ledger holds (widened if need be).
                var keyId = _schemaIds.ResolveKey(mapped.Route, stopping);
                ids = new SchemaIds(keyId, _typed.Write(mapped.Route, in typedParts, _value, stopping));
            }
        }
        catch (ChangeEventMappingException ex)
        {
            // No schema the ledger may use takes the document: the event's error, as an unmappable event's.
            unwritable = ex;
        }
        finally
        {
            _status.WaitEnded();
        }

        if (unwritable is not null)
        {
            return DeadLetter(changeEvent, token, snapshot, unwritable, stopping);
        }

        var key = mapped.Key == MappedKey.Written ? _key.LendFramedArray(ids.KeyId) : null;
        var value = _value.LendFramedArray(ids.ValueId);
        var keyLength = key?.Length ?? 0;
        if (!RecordSize.Fits(MessageMaxBytes, keyLength, value.Length))
        {
            // Weighed as librdkafka will weigh it: mapping.oversize decides before anything is tracked or produced.
            return Oversized(changeEvent, token, snapshot, mapped, ids, key, value.Length, isInvalidate, stopping);
        }

        var records = mapped.TombstoneFollows ? 2 : 1;
        long bytes = keyLength + value.Length + (mapped.TombstoneFollows ? keyLength : 0);
        if (!WaitForRoom(bytes, stopping))
        {
            return false;
        }

        var sequence = _watermark.Track(token, isInvalidate, records, bytes, snapshot);
        if (_live is { IsActive: true } live)
        {
            live.Captured(sequence, changeEvent, records);
        }

        ProduceTracked(sequence, mapped, key, value, headers: null, instead: null);

        _counters.EventPublished(mapped.OperationType);
        return true;
    }

    /// <summary>
    /// A point with no record of its own whose offset must be committed in stream order (a snapshot chunk's end): it is
    /// committable once everything tracked before it is acknowledged. False when the cycle must end.
    /// </summary>
    public bool Mark(ReadOnlySpan<byte> token, SnapshotProgress? snapshot, CancellationToken stopping)
    {
        if (!WaitForRoom(0, stopping))
        {
            return false;
        }

        _watermark.Track(token, isInvalidate: false, records: 0, bytes: 0, snapshot);
        return true;
    }

    /// <summary>
    /// An event whose record is over <see cref="MessageMaxBytes"/>: stopped (fail), described in a small dead-letter
    /// record (deadLetter) or published with its largest bodies replaced by references (reference), as mapping.oversize
    /// says. Nothing is tracked before the policy has decided, so a failure here commits nothing at or after the event.
    /// </summary>
    private bool Oversized(
        ReadOnlySpan<byte> changeEvent,
        ReadOnlySpan<byte> token,
        SnapshotProgress? snapshot,
        MappedEvent mapped,
        SchemaIds ids,
        byte[]? key,
        int valueLength,
        bool isInvalidate,
        CancellationToken stopping)
    {
        var oversized = OversizedEvent.Of(mapped, changeEvent, ChangeEventIdentity.TokenData(token), (key?.Length ?? 0) + (long)valueLength, MessageMaxBytes);
        switch (Oversize)
        {
            case OversizePolicy.DeadLetter:
                return DeadLetterOversized(oversized, token, snapshot, mapped, key, isInvalidate, stopping);
            case OversizePolicy.Reference when _typed is null:
                return PublishReferenced(changeEvent, oversized, token, snapshot, mapped, ids, isInvalidate, stopping);
            default:
                // fail, and reference with typed values (refused at start-up: they have no bodies to replace).
                _counters.OversizeEventFailed();
                throw new RecordTooLargeException(oversized.FailureMessage());
        }
    }

    private bool DeadLetterOversized(
        OversizedEvent oversized, ReadOnlySpan<byte> token, SnapshotProgress? snapshot, MappedEvent mapped, byte[]? key, bool isInvalidate, CancellationToken stopping)
    {
        var record = oversized.DeadLetter(key);
        var headerBytes = RecordSize.HeaderBytes(DeadLetterHeaders.For(record));
        if (!RecordSize.Fits(MessageMaxBytes, record.Key?.Length ?? 0, record.Value?.Length ?? 0, headerBytes))
        {
            _counters.OversizeEventFailed();
            throw new RecordTooLargeException(oversized.DeadLetterTooLargeMessage(record.Key?.Length ?? 0));
        }

        // A delete's tombstone still follows, to its own topic: the document is gone whatever became of the delete's
        // record, and without it log compaction would keep the document's last state for ever.
        var records = mapped.TombstoneFollows ? 2 : 1;
        var bytes = (record.Key?.Length ?? 0) + (long)(record.Value?.Length ?? 0) + (mapped.TombstoneFollows ? key?.Length ?? 0 : 0);
        if (!WaitForRoom(bytes, stopping))
        {
            return false;
        }

        var sequence = _watermark.Track(token, isInvalidate, records, bytes, snapshot);
        ProduceTracked(sequence, mapped, key, value: null, headers: null, instead: record);

        _counters.EventDeadLettered();
        _counters.OversizeEventDeadLettered();
        PipelineLog.OversizeDeadLettered(
            _logger, oversized.ResumeTokenData ?? "(no _data)", oversized.OperationType, oversized.Namespace, oversized.RecordBytes, oversized.Topic, MessageMaxBytes);
        return true;
    }

    private bool PublishReferenced(
        ReadOnlySpan<byte> changeEvent,
        OversizedEvent oversized,
        ReadOnlySpan<byte> token,
        SnapshotProgress? snapshot,
        MappedEvent mapped,
        SchemaIds ids,
        bool isInvalidate,
        CancellationToken stopping)
    {
        var messageMaxBytes = MessageMaxBytes;
        var referenced = _mapper.MapReferencing(changeEvent, (key, value, omitted) => RecordSize.FitsWithOmittedHeader(messageMaxBytes, key, value, omitted));
        var referencedBytes = RecordSize.FramedBytes(referenced.Key) + RecordSize.FramedBytes(referenced.Value);
        if (!referenced.Fits)
        {
            _counters.OversizeEventFailed();
            throw new RecordTooLargeException(oversized.ReferenceFailureMessage(referenced.OmittedPaths, referencedBytes));
        }

        _key.Reset();
        _value.Reset();
        var key = referenced.Key is null ? null : Framed(_key, referenced.Key, ids.KeyId);
        var value = Framed(_value, referenced.Value, ids.ValueId);
        var records = mapped.TombstoneFollows ? 2 : 1;
        long bytes = (key?.Length ?? 0) + value.Length + (mapped.TombstoneFollows ? key?.Length ?? 0 : 0);
        if (!WaitForRoom(bytes, stopping))
        {
            return false;
        }

        var sequence = _watermark.Track(token, isInvalidate, records, bytes, snapshot);
        if (_live is { IsActive: true } live)
        {
            live.Captured(sequence, changeEvent, records);
        }

        ProduceTracked(sequence, mapped, key, value, OmittedHeader.For(referenced.OmittedHeader), instead: null);

        _counters.EventPublished(mapped.OperationType);
        _counters.OversizeEventReferenced();
        PipelineLog.OversizeReferenced(
            _logger, oversized.ResumeTokenData ?? "(no _data)", oversized.OperationType, oversized.Namespace, oversized.RecordBytes, oversized.Topic, MessageMaxBytes, referenced.OmittedHeader, referencedBytes);
        return true;
    }

    /// <summary>
    /// Produces a tracked event's records: its value record (with <paramref name="headers"/> when given), or the
    /// dead-letter record <paramref name="instead"/>, then its tombstone when one follows. A record that never reached
    /// the producer gets no delivery report, so a throw here fails the event first: nothing at or after it is committed,
    /// and the cycle's end does not wait for a report that cannot come.
    /// </summary>
    private void ProduceTracked(long sequence, MappedEvent mapped, byte[]? key, byte[]? value, Confluent.Kafka.Headers? headers, DeadLetterRecord? instead)
    {
        try
        {
            if (instead is not null)
            {
                _publisher.ProduceDeadLetter(instead, sequence);
            }
            else if (headers is not null)
            {
                _publisher.ProduceWithHeaders(mapped.Topic, key, value, headers, sequence);
            }
            else
            {
                _publisher.Produce(mapped.Topic, key, value, sequence);
            }

            if (mapped.TombstoneFollows)
            {
                // After a dead-letter record too: the document is gone whatever became of the delete's record, and
                // without its tombstone log compaction would keep the document's last state for ever.
                _publisher.Produce(mapped.Topic, key, null, sequence);
                _counters.TombstonePublished();
            }
        }
        catch (Exception ex)
        {
            _watermark.Failed(sequence, ex);
            throw;
        }
    }

    /// <summary>The payload framed for the registry in <paramref name="buffer"/>'s reused array (lent, as on the hot path).</summary>
    private static byte[] Framed(FramedPayloadBuffer buffer, byte[] payload, int schemaId)
    {
        payload.CopyTo(buffer.GetSpan(payload.Length));
        buffer.Advance(payload.Length);
        return buffer.LendFramedArray(schemaId);
    }

    private bool DeadLetter(ReadOnlySpan<byte> changeEvent, ReadOnlySpan<byte> token, SnapshotProgress? snapshot, ChangeEventMappingException error, CancellationToken stopping)
    {
        var tokenData = ChangeEventIdentity.TokenData(token);
        var operationType = ChangeEventIdentity.OperationType(changeEvent);
        _counters.EventRead(operationType ?? UnknownOperation);

        // Even dead-lettered, an invalidate's token must be committed as one: only startAfter accepts it.
        var isInvalidate = string.Equals(operationType, InvalidateOperation, StringComparison.Ordinal);
        if (!IsDeadLetterEnabled)
        {
            throw new DeadLetterUnavailableException(
                $"Change event {tokenData ?? "(no _data)"} (operationType {operationType ?? "unknown"}) cannot be mapped: {error.Message}. "
                + "Set kafka.deadLetterTopic to divert such events to a dead-letter topic; the connector stops rather than skip it.",
                error);
        }

        var value = EventAsJson(changeEvent, out var reasonSuffix);
        if (!WaitForRoom(value.Length, stopping))
        {
            return false;
        }

        var sequence = _watermark.Track(token, isInvalidate, records: 1, value.Length, snapshot);
        var record = new DeadLetterRecord(error.Message + reasonSuffix, OriginalTopic: null, tokenData, operationType, Key: null, value);
        try
        {
            _publisher.ProduceDeadLetter(record, sequence);
        }
        catch (DeadLetterUnavailableException ex)
        {
            // The event is tracked: fail it so nothing at or after it is ever committed, and the cycle settles.
            _watermark.Failed(sequence, ex);
            throw;
        }

        _counters.EventDeadLettered();
        PipelineLog.EventDeadLettered(_logger, tokenData ?? "(no _data)", operationType ?? "unknown", error.Message);
        return true;
    }

    private bool WaitForRoom(long bytes, CancellationToken stopping)
    {
        _status.WaitStarted(ReaderWait.BackPressure);
        try
        {
            return _watermark.WaitForRoom(bytes, stopping);
        }
        finally
        {
            _status.WaitEnded();
        }
    }

    /// <summary>Set when kafka.deadLetterTopic is configured.</summary>
    public bool IsDeadLetterEnabled { get; init; }

    /// <summary>mapping.oversize: what happens to a record over <see cref="MessageMaxBytes"/>.</summary>
    public OversizePolicy Oversize { get; init; } = OversizePolicy.Fail;

    /// <summary>kafka.producer.message.max.bytes: every record is weighed against it before it is produced.</summary>
    public long MessageMaxBytes { get; init; } = ProducerConfigBuilder.LibrdkafkaDefaultMessageMaxBytes;

    /// <summary>The event as relaxed Extended JSON, or its raw BSON when it is not even readable as BSON.</summary>
    private static byte[] EventAsJson(ReadOnlySpan<byte> changeEvent, out string reasonSuffix)
    {
        var json = new ArrayBufferWriter<byte>(changeEvent.Length * 2);
        try
        {
            ExtendedJsonWriter.WriteDocument(changeEvent, json, ExtendedJsonMode.Relaxed);
            reasonSuffix = string.Empty;
            return json.WrittenSpan.ToArray();
        }
        catch (BsonFormatException)
        {
            reasonSuffix = " (the value is the raw BSON of the event: it is not readable as Extended JSON)";
            return changeEvent.ToArray();
        }
    }
}
