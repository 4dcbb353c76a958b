using System.Globalization;
using Cdc.Connector.Configuration;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Sink;

/// <summary>
/// Produces the connector's records with Confluent.Kafka over the system librdkafka, reporting each record's fate to
/// the <see cref="IDeliveryListener"/>. Producing a record allocates no Task and no closure: the message object is
/// reused, topics map to cached <see cref="TopicPartition"/>s, and delivery callbacks come from a ring of handlers.
/// </summary>
/// <remarks>
/// Delivery reports arrive on Confluent.Kafka's background poll thread. The pipeline weighs every record before it gets
/// here and applies mapping.oversize itself; what is still refused for its size (by librdkafka, through header bytes, or
/// by a broker whose topic limit is below message.max.bytes) follows the same policy here: with deadLetter it is replaced
/// by a dead-letter record (same key, no value, headers saying why) and its event counts as delivered only once that
/// record is acknowledged; with fail or reference the event fails with <see cref="RecordTooLargeException"/>.
/// </remarks>
internal sealed class KafkaRecordPublisher : IRecordPublisher
{
    /// <summary>Dispose waits this long for outstanding reports: what is not acknowledged by then is re-read anyway.</summary>
    private static readonly TimeSpan DisposeFlushTimeout = TimeSpan.FromSeconds(2);

    private const int MaxQueueFullWaitMs = 50;

    private readonly IDeliveryListener _listener;
    private readonly IRecordPlacementListener? _placements;
    private readonly IOversizeOutcomes? _oversizeOutcomes;
    private readonly ILogger<KafkaRecordPublisher> _logger;
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly PooledDeliveryHandler[] _handlers;
    private readonly Dictionary<string, TopicPartition> _topics = new(StringComparer.Ordinal);
    private readonly string? _deadLetterTopic;
    private readonly long _messageMaxBytes;
    private readonly OversizePolicy _oversize;

    // Reused by the one producing thread: Confluent.Kafka copies key and value into librdkafka before Produce returns.
    // Its headers stay empty for ever (a null Headers would make Confluent.Kafka allocate one per record).
    private readonly Message<byte[]?, byte[]?> _message = new() { Headers = [] };

    private volatile bool _disposed;

    // maxInFlightEvents: the watermark's event bound; sequences in flight at once span fewer than this.
    // oversize: mapping.oversize, for the records refused for their size all the same.
    // placements: told where each acknowledged record landed (the live view); null when nothing asks.
    public KafkaRecordPublisher(
        KafkaOptions options,
        IDeliveryListener listener,
        int maxInFlightEvents,
        ILogger<KafkaRecordPublisher> logger,
        OversizePolicy oversize = OversizePolicy.Fail,
        IRecordPlacementListener? placements = null,
        IOversizeOutcomes? oversizeOutcomes = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(logger);
        _listener = listener;
        _placements = placements;
        _oversizeOutcomes = oversizeOutcomes;
        _logger = logger;
        _deadLetterTopic = string.IsNullOrWhiteSpace(options.DeadLetterTopic) ? null : options.DeadLetterTopic;
        _oversize = oversize;

        var config = ProducerConfigBuilder.Build(options, maxInFlightEvents);
        _messageMaxBytes = ProducerConfigBuilder.MessageMaxBytes(options.Producer);

        // Delivery reports carry no field a report can do without: the topic, partition, offset and error always come.
        // The produced arrays are lent (IRecordPublisher.Produce) and librdkafka has copied them; the key and size of a
        // record the broker refuses as too large come from the pooled handler (PooledDeliveryHandler says why).
        config.Add(new("dotnet.producer.delivery.report.fields", "none"));

        _handlers = new PooledDeliveryHandler[maxInFlightEvents + 1];
        for (var i = 0; i < _handlers.Length; i++)
        {
            _handlers[i] = new PooledDeliveryHandler(this);
        }

        LibrdkafkaLoader.EnsureLoaded();
        _producer = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler(OnError)
            .SetLogHandler(OnLog)
            .Build();
    }

    public void Produce(string topic, byte[]? key, byte[]? value, long sequence)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var handler = _handlers[sequence % _handlers.Length];
        handler.Take(sequence, key, value);
        _message.Key = key;
        _message.Value = value;
        try
        {
            ProduceWaitingForRoom(TopicPartitionOf(topic), _message, value is null ? handler.TombstoneCallback : handler.ValueCallback);
        }
        catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.MsgSizeTooLarge)
        {
            var bytes = RecordBytes(key, value);
            OnTooLarge(topic, key, bytes, sequence, RecordSize.OverLimitReason(bytes, _messageMaxBytes), refusedByBroker: false, mayBlock: true);
        }
        catch (ProduceException<byte[]?, byte[]?> e)
        {
            _listener.Failed(sequence, new KafkaDeliveryException(topic, Partition.Any, e.Error));
        }
        finally
        {
            // Do not keep the caller's arrays reachable from here until the next record.
            _message.Key = null;
            _message.Value = null;
        }
    }

    public void ProduceWithHeaders(string topic, byte[]? key, byte[]? value, Headers headers, long sequence)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var handler = _handlers[sequence % _handlers.Length];
        handler.Take(sequence, key, value);
        var message = new Message<byte[]?, byte[]?> { Key = key, Value = value, Headers = headers };
        try
        {
            ProduceWaitingForRoom(TopicPartitionOf(topic), message, value is null ? handler.TombstoneCallback : handler.ValueCallback);
        }
        catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.MsgSizeTooLarge)
        {
            var bytes = RecordBytes(key, value);
            OnTooLarge(topic, key, bytes, sequence, RecordSize.OverLimitReason(bytes, _messageMaxBytes) + " with its headers", refusedByBroker: false, mayBlock: true);
        }
        catch (ProduceException<byte[]?, byte[]?> e)
        {
            _listener.Failed(sequence, new KafkaDeliveryException(topic, Partition.Any, e.Error));
        }
    }

    public void ProduceDeadLetter(DeadLetterRecord record, long sequence)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_deadLetterTopic is null)
        {
            throw new DeadLetterUnavailableException(
                $"Event {sequence.ToString(CultureInfo.InvariantCulture)} cannot be published ({record.Reason}) and must go to a dead-letter topic, " +
                "but kafka.deadLetterTopic is not set: set it to keep the connector running past such events.");
        }

        SinkLog.DeadLettered(_logger, sequence, record.OriginalTopic, _deadLetterTopic, record.Reason);
        var message = new Message<byte[]?, byte[]?> { Key = record.Key, Value = record.Value, Headers = DeadLetterHeaders.For(record) };
        ProduceDeadLetterRecord(message, sequence, record.OriginalTopic, mayBlock: true);
    }

    public bool Flush(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _producer.Flush(timeout) == 0;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            var outstanding = _producer.Flush(DisposeFlushTimeout);
            if (outstanding > 0)
            {
                SinkLog.ClosedWithOutstanding(_logger, outstanding);
            }
        }
        finally
        {
            _producer.Dispose();
        }
    }

    /// <summary>A pooled handler's report (background poll thread).</summary>
    internal void OnRecordReport(PooledDeliveryHandler handler, long sequence, DeliveryReport<byte[]?, byte[]?> report, bool tombstone)
    {
        try
        {
            var error = report.Error;
            if (!error.IsError)
            {
                _listener.Delivered(sequence);
                if (_placements is { WantsPlacements: true } placements)
                {
                    placements.Placed(sequence, report.Topic, report.Partition.Value, report.Offset.Value);
                }
            }
            else if (error.Code == ErrorCode.MsgSizeTooLarge)
            {
                // The broker refuses a whole batch; librdkafka does not split it, so every record of that batch lands
                // here. Keeping message.max.bytes at or below the topic's max.message.bytes catches records locally.
                var bytes = handler.RecordBytes(tombstone);
                OnTooLarge(
                    report.Topic,
                    handler.CopyKey(),
                    bytes,
                    sequence,
                    $"record of {bytes:N0} bytes: the broker refused its batch as too large ({error.Reason}; see the topic's max.message.bytes)",
                    refusedByBroker: true,
                    mayBlock: false);
            }
            else
            {
                _listener.Failed(sequence, new KafkaDeliveryException(report.Topic, report.Partition, error));
            }
        }
        catch (Exception e) when (e is KafkaException or ObjectDisposedException or InvalidOperationException or ArgumentException)
        {
            SinkLog.ReportHandlingFailed(_logger, sequence, e);
            _listener.Failed(sequence, e);
        }
    }

    /// <summary>A dead-letter record's report (background poll thread): only now is its event delivered.</summary>
    internal void OnDeadLetterReport(long sequence, DeliveryReport<byte[]?, byte[]?> report)
    {
        if (!report.Error.IsError)
        {
            _listener.Delivered(sequence);
        }
        else
        {
            _listener.Failed(sequence, new KafkaDeliveryException(report.Topic, report.Partition, report.Error));
        }
    }

    private static long RecordBytes(byte[]? key, byte[]? value) => (long)(key?.Length ?? 0) + (value?.Length ?? 0);

    private TopicPartition TopicPartitionOf(string topic)
    {
        if (!_topics.TryGetValue(topic, out var topicPartition))
        {
            topicPartition = new TopicPartition(topic, Partition.Any);
            _topics.Add(topic, topicPartition);
        }

        return topicPartition;
    }

    /// <summary>librdkafka's queue full is back-pressure, not failure: wait for delivery reports to make room.</summary>
    private void ProduceWaitingForRoom(TopicPartition topicPartition, Message<byte[]?, byte[]?> message, Action<DeliveryReport<byte[]?, byte[]?>> callback)
    {
        var waitMs = 1;
        while (true)
        {
            try
            {
                _producer.Produce(topicPartition, message, callback);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull && !_disposed)
            {
                if (waitMs == 1)
                {
                    SinkLog.QueueFull(_logger);
                }

                Thread.Sleep(waitMs);
                waitMs = Math.Min(waitMs * 2, MaxQueueFullWaitMs);
            }
        }
    }

    private void OnTooLarge(string topic, byte[]? key, long recordBytes, long sequence, string reason, bool refusedByBroker, bool mayBlock)
    {
        if (_oversize != OversizePolicy.DeadLetter || _deadLetterTopic is null)
        {
            var eventNumber = sequence.ToString(CultureInfo.InvariantCulture);
            var policy = ConfigurationSchema.WordOf(_oversize);
            _oversizeOutcomes?.OversizeEventFailed();
            _listener.Failed(sequence, new RecordTooLargeException(refusedByBroker
                ? $"A record for topic '{topic}' (event {eventNumber}) fitted kafka.producer.message.max.bytes ({_messageMaxBytes:N0}) but the broker refused it as too large: {reason}. " +
                  $"The topic's max.message.bytes is below message.max.bytes, so mapping.oversize ({policy}) could not apply before the record was sent. " +
                  "Fix: lower kafka.producer.message.max.bytes to at most the topic's max.message.bytes so that mapping.oversize applies first, or raise the topic's max.message.bytes."
                : $"A record for topic '{topic}' (event {eventNumber}) is too large for Kafka: {reason}, and librdkafka refused it; mapping.oversize is {policy}. " +
                  "Fix: raise kafka.producer.message.max.bytes together with the topic's max.message.bytes, or set mapping.oversize=deadLetter (with kafka.deadLetterTopic)."));
            return;
        }

        SinkLog.DeadLettered(_logger, sequence, topic, _deadLetterTopic, reason);
        _oversizeOutcomes?.OversizeEventDeadLettered();
        _oversizeOutcomes?.EventDeadLettered();
        var message = new Message<byte[]?, byte[]?> { Key = key, Value = null, Headers = DeadLetterHeaders.ForTooLarge(reason, topic, recordBytes) };
        ProduceDeadLetterRecord(message, sequence, topic, mayBlock);
    }

    private void ProduceDeadLetterRecord(Message<byte[]?, byte[]?> message, long sequence, string? originalTopic, bool mayBlock)
    {
        var deadLetterTopic = _deadLetterTopic!;
        var callback = new DeadLetterDeliveryHandler(this, sequence).Callback;
        try
        {
            if (mayBlock)
            {
                ProduceWaitingForRoom(new TopicPartition(deadLetterTopic, Partition.Any), message, callback);
            }
            else
            {
                // On the poll thread waiting for room would wait for itself: the watermark keeps the queue far from
                // full, so a full queue here is reported as this event's failure instead.
                _producer.Produce(deadLetterTopic, message, callback);
            }
        }
        catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.MsgSizeTooLarge)
        {
            _listener.Failed(sequence, new RecordTooLargeException(
                $"The dead-letter record for event {sequence.ToString(CultureInfo.InvariantCulture)} (from topic '{originalTopic}') is itself over message.max.bytes " +
                $"({_messageMaxBytes:N0}): its key or value is too large; raise kafka.producer.message.max.bytes."));
        }
        catch (ProduceException<byte[]?, byte[]?> e)
        {
            _listener.Failed(sequence, new KafkaDeliveryException(deadLetterTopic, Partition.Any, e.Error));
        }
    }

    private void OnError(IProducer<byte[]?, byte[]?> producer, Error error)
    {
        if (error.IsFatal)
        {
            SinkLog.ProducerFatal(_logger, error.Code, error.Reason);
            _listener.ProducerFailed(new KafkaException(new Error(error.Code, $"The Kafka producer failed fatally: {error.Code}: {error.Reason}", isFatal: true)));
        }
        else
        {
            SinkLog.ProducerError(_logger, error.Code, error.Reason);
        }
    }

    private void OnLog(IProducer<byte[]?, byte[]?> producer, LogMessage message)
    {
        // A broker failure is logged once, by OnError, with its code.
        var level = LibrdkafkaLog.LevelOf(message.Level);
        if (_logger.IsEnabled(level) && !LibrdkafkaLog.IsAlsoAnError(message))
        {
            SinkLog.Librdkafka(_logger, level, message.Facility, message.Name, message.Message);
        }
    }
}
