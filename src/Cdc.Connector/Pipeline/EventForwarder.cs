using System.Buffers;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Sink;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Moves one change event from the source to the producer on the reading thread: map into reused buffers, frame with
/// the schema ids, wait for room, track it in the watermark, produce its records. Nothing here allocates per event
/// beyond the record arrays the producer keeps.
/// </summary>
internal sealed class EventForwarder
{
    private const string InvalidateOperation = "invalidate";

    private readonly ChangeEventMapper _mapper;
    private readonly SchemaIdCache _schemaIds;
    private readonly AckWatermark _watermark;
    private readonly IRecordPublisher _publisher;
    private readonly PipelineCounters _counters;
    private readonly ILogger _logger;
    private readonly FramedPayloadBuffer _key;
    private readonly FramedPayloadBuffer _value;

    public EventForwarder(
        ChangeEventMapper mapper,
        SchemaIdCache schemaIds,
        AckWatermark watermark,
        IRecordPublisher publisher,
        PipelineBuffers buffers,
        PipelineCounters counters,
        ILogger logger)
    {
        _mapper = mapper;
        _schemaIds = schemaIds;
        _watermark = watermark;
        _publisher = publisher;
        _counters = counters;
        _logger = logger;
        _key = buffers.Key;
        _value = buffers.Value;
    }

    /// <summary>True when the last event forwarded was an invalidate (the stream closes after it).</summary>
    public bool LastWasInvalidate { get; private set; }

    /// <summary>
    /// Forwards <paramref name="changeEvent"/>. False when the cycle must end: stopping was requested or the watermark
    /// holds a failure. Throws for what stops the connector (an unmappable event without a dead-letter topic, a
    /// registry refusal) and <see cref="OperationCanceledException"/> when stopped while waiting for the registry.
    /// </summary>
    public bool Forward(ReadOnlySpan<byte> changeEvent, CancellationToken stopping)
    {
        _counters.EventRead();
        var token = ChangeEventIdentity.ResumeToken(changeEvent);
        if (token.Length < 5)
        {
            throw new UnresumableEventException(
                "A change event has no _id resume token document, so it can never be committed or resumed from; "
                + "the change stream's pipeline (mongodb.pipeline) must not remove or modify _id.");
        }

        _key.Reset();
        _value.Reset();
        MappedEvent mapped;
        try
        {
            mapped = _mapper.Map(changeEvent, _key, _value);
        }
        catch (ChangeEventMappingException ex)
        {
            return DeadLetter(changeEvent, token, ex, stopping);
        }

        var isInvalidate = string.Equals(mapped.OperationType, InvalidateOperation, StringComparison.Ordinal);
        LastWasInvalidate = isInvalidate;
        if (mapped.Skipped)
        {
            if (!_watermark.WaitForRoom(0, stopping))
            {
                return false;
            }

            _watermark.Track(token, isInvalidate, records: 0, bytes: 0);
            _counters.EventSkipped();
            return true;
        }

        var ids = _schemaIds.Resolve(mapped.Route, stopping);
        var key = mapped.Key == MappedKey.Written ? _key.ToFramedArray(ids.KeyId) : null;
        var value = _value.ToFramedArray(ids.ValueId);
        var keyLength = key?.Length ?? 0;
        var records = mapped.TombstoneFollows ? 2 : 1;
        long bytes = keyLength + value.Length + (mapped.TombstoneFollows ? keyLength : 0);
        if (!_watermark.WaitForRoom(bytes, stopping))
        {
            return false;
        }

        var sequence = _watermark.Track(token, isInvalidate, records, bytes);
        _publisher.Produce(mapped.Topic, key, value, sequence);
        if (mapped.TombstoneFollows)
        {
            _publisher.Produce(mapped.Topic, key, null, sequence);
            _counters.TombstonePublished();
        }

        _counters.EventPublished(mapped.OperationType);
        return true;
    }

    private bool DeadLetter(ReadOnlySpan<byte> changeEvent, ReadOnlySpan<byte> token, ChangeEventMappingException error, CancellationToken stopping)
    {
        LastWasInvalidate = false;
        var tokenData = ChangeEventIdentity.TokenData(token);
        var operationType = ChangeEventIdentity.OperationType(changeEvent);
        if (!IsDeadLetterEnabled)
        {
            throw new DeadLetterUnavailableException(
                $"Change event {tokenData ?? "(no _data)"} (operationType {operationType ?? "unknown"}) cannot be mapped: {error.Message}. "
                + "Set kafka.deadLetterTopic to divert such events to a dead-letter topic; the connector stops rather than skip it.",
                error);
        }

        var value = EventAsJson(changeEvent, out var reasonSuffix);
        if (!_watermark.WaitForRoom(value.Length, stopping))
        {
            return false;
        }

        var sequence = _watermark.Track(token, isInvalidate: false, records: 1, value.Length);
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

    /// <summary>Set when kafka.deadLetterTopic is configured.</summary>
    public bool IsDeadLetterEnabled { get; init; }

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
