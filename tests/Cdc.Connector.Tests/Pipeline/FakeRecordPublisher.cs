using Cdc.Connector.Sink;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>
/// Records what is produced; acknowledges automatically (on another thread, each batch in reverse order) or only
/// when the test says so. Flush waits until every record is reported.
/// </summary>
internal sealed class FakeRecordPublisher : IRecordPublisher
{
    private readonly Lock _lock = new();
    private readonly IDeliveryListener _listener;
    private readonly List<PublishedRecord> _records = [];
    private readonly List<int> _unreported = [];
    private readonly Thread? _acker;
    private volatile bool _disposed;

    public FakeRecordPublisher(IDeliveryListener listener, bool autoAck, bool hasDeadLetterTopic)
    {
        _listener = listener;
        HasDeadLetterTopic = hasDeadLetterTopic;
        if (autoAck)
        {
            _acker = new Thread(AckLoop) { IsBackground = true };
            _acker.Start();
        }
    }

    public bool HasDeadLetterTopic { get; }

    /// <summary>Thrown by the next Produce (once), as a producer whose local queue failed would.</summary>
    public Exception? ThrowOnProduce { get; set; }

    public bool Disposed => _disposed;

    public IReadOnlyList<PublishedRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return [.. _records];
            }
        }
    }

    public int Unreported
    {
        get
        {
            lock (_lock)
            {
                return _unreported.Count;
            }
        }
    }

    public void Produce(string topic, byte[]? key, byte[]? value, long sequence)
    {
        if (ThrowOnProduce is { } error)
        {
            ThrowOnProduce = null;
            throw error;
        }

        // The arrays are lent for the call (IRecordPublisher.Produce): keep copies, as librdkafka does.
        Add(new PublishedRecord(topic, Copy(key), Copy(value), sequence, false, null));
    }

    public void ProduceWithHeaders(string topic, byte[]? key, byte[]? value, Confluent.Kafka.Headers headers, long sequence) =>
        Add(new PublishedRecord(topic, Copy(key), Copy(value), sequence, false, null, Headers: headers));

    private static byte[]? Copy(byte[]? bytes) => bytes is null ? null : [.. bytes];

    public void ProduceDeadLetter(DeadLetterRecord record, long sequence)
    {
        if (!HasDeadLetterTopic)
        {
            throw new DeadLetterUnavailableException("kafka.deadLetterTopic is not set.");
        }

        Add(new PublishedRecord("dlq", record.Key, record.Value, sequence, true, record.Reason, new DeadLetterRecordSnapshot(record)));
    }

    /// <summary>Acknowledges every unreported record, newest first (out of order on purpose).</summary>
    public void AckAll()
    {
        foreach (var index in TakeUnreported())
        {
            _listener.Delivered(RecordAt(index).Sequence);
        }
    }

    /// <summary>Acknowledges the unreported records of <paramref name="sequence"/> alone (an event and its tombstone share one).</summary>
    public void Ack(long sequence)
    {
        List<int> taken;
        lock (_lock)
        {
            taken = _unreported.Where(index => _records[index].Sequence == sequence).ToList();
            _unreported.RemoveAll(taken.Contains);
        }

        foreach (var index in taken)
        {
            _listener.Delivered(RecordAt(index).Sequence);
        }
    }

    /// <summary>Fails the unreported record of <paramref name="sequence"/> and acknowledges every other unreported one.</summary>
    public void FailOneAckRest(long sequence, Exception error)
    {
        foreach (var index in TakeUnreported())
        {
            var record = RecordAt(index);
            if (record.Sequence == sequence)
            {
                _listener.Failed(sequence, error);
            }
            else
            {
                _listener.Delivered(record.Sequence);
            }
        }
    }

    public bool Flush(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Unreported > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            Thread.Sleep(2);
        }

        return true;
    }

    public void Dispose() => _disposed = true;

    private void Add(PublishedRecord record)
    {
        lock (_lock)
        {
            _records.Add(record);
            _unreported.Add(_records.Count - 1);
        }
    }

    private PublishedRecord RecordAt(int index)
    {
        lock (_lock)
        {
            return _records[index];
        }
    }

    private List<int> TakeUnreported()
    {
        lock (_lock)
        {
            var taken = new List<int>(_unreported);
            taken.Reverse();
            _unreported.Clear();
            return taken;
        }
    }

    private void AckLoop()
    {
        while (!_disposed)
        {
            AckAll();
            Thread.Sleep(2);
        }
    }
}
