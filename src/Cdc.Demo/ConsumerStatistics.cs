using System.Collections.Concurrent;

namespace Cdc.Demo;

/// <summary>What the demo's downstream consumer saw. Written by the consumer thread, read by the view and the summary.</summary>
internal sealed class ConsumerStatistics(int lastRecordsKept = 8)
{
    private readonly ConcurrentDictionary<string, long> _byTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);
    private readonly Queue<ConsumedRecord> _last = new();
    private readonly Lock _lastLock = new();
    private long _records;
    private long _decoded;
    private long _decodeFailures;
    private long _tombstones;
    private long _transactionRecords;
    private string? _lastDecodeError;

    public LatencyWindow RecentLatency { get; } = new(TimeSpan.FromSeconds(10));

    public LatencyHistogram Latency { get; } = new();

    public long Records => Interlocked.Read(ref _records);

    /// <summary>Records whose key and value (unless a tombstone) both decoded through the registry.</summary>
    public long Decoded => Interlocked.Read(ref _decoded);

    public long DecodeFailures => Interlocked.Read(ref _decodeFailures);

    public long Tombstones => Interlocked.Read(ref _tombstones);

    /// <summary>Records of change events written inside a multi-document transaction (txnNumber set).</summary>
    public long TransactionRecords => Interlocked.Read(ref _transactionRecords);

    public string? LastDecodeError => Volatile.Read(ref _lastDecodeError);

    /// <summary>Records per topic, tombstones included.</summary>
    public IReadOnlyDictionary<string, long> ByTopic() => new Dictionary<string, long>(_byTopic, StringComparer.Ordinal);

    /// <summary>Decoded change events per operationType (tombstones are not events and are not counted here).</summary>
    public IReadOnlyDictionary<string, long> ByOperationType() => new Dictionary<string, long>(_byOperation, StringComparer.Ordinal);

    public IReadOnlyList<ConsumedRecord> LastRecords()
    {
        lock (_lastLock)
        {
            return [.. _last];
        }
    }

    public void Received(string topic)
    {
        Interlocked.Increment(ref _records);
        _byTopic.AddOrUpdate(topic, 1, (_, value) => value + 1);
    }

    public void Tombstone() => Interlocked.Increment(ref _tombstones);

    public void DecodedEvent(ConsumedRecord record, bool inTransaction)
    {
        Interlocked.Increment(ref _decoded);
        _byOperation.AddOrUpdate(record.OperationType, 1, (_, value) => value + 1);
        if (inTransaction)
        {
            Interlocked.Increment(ref _transactionRecords);
        }

        Remember(record);
    }

    public void DecodedTombstone(ConsumedRecord record)
    {
        Interlocked.Increment(ref _decoded);
        Remember(record);
    }

    public void DecodeFailed(string error)
    {
        Interlocked.Increment(ref _decodeFailures);
        Volatile.Write(ref _lastDecodeError, error);
    }

    private void Remember(ConsumedRecord record)
    {
        lock (_lastLock)
        {
            _last.Enqueue(record);
            while (_last.Count > lastRecordsKept)
            {
                _last.Dequeue();
            }
        }
    }
}
