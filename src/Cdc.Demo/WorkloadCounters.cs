using System.Collections.Concurrent;

namespace Cdc.Demo;

/// <summary>
/// What the workload did, from the server's replies: commands that succeeded, transactions committed, and the change
/// events they must cause per operation type and per collection. Written by the workload thread, read by the view.
/// </summary>
internal sealed class WorkloadCounters
{
    private readonly ConcurrentDictionary<string, long> _eventsByOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _eventsByCollection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _deletesByCollection = new(StringComparer.Ordinal);
    private long _operations;
    private long _transactions;
    private long _transactionEvents;
    private long _failures;
    private long _events;
    private string? _lastFailure;

    /// <summary>Commands that succeeded (a transaction's statements and its commit each count once).</summary>
    public long Operations => Interlocked.Read(ref _operations);

    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Change events written inside committed transactions (they carry lsid and txnNumber).</summary>
    public long TransactionEvents => Interlocked.Read(ref _transactionEvents);

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Change events the committed writes cause: one per document inserted, modified or deleted.</summary>
    public long Events => Interlocked.Read(ref _events);

    public string? LastFailure => Volatile.Read(ref _lastFailure);

    public IReadOnlyDictionary<string, long> EventsByOperationType() => new Dictionary<string, long>(_eventsByOperation, StringComparer.Ordinal);

    /// <summary>
    /// The records a consumer must find in each topic: one per change event of the collection plus the tombstone that
    /// follows each delete (mapping.tombstonesOnDelete, on by default).
    /// </summary>
    public IReadOnlyDictionary<string, long> ExpectedRecordsByTopic()
    {
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (collection, events) in _eventsByCollection)
        {
            expected[DemoTopics.TopicOf(collection)] = events + _deletesByCollection.GetValueOrDefault(collection);
        }

        return expected;
    }

    public void OperationSucceeded() => Interlocked.Increment(ref _operations);

    /// <summary><paramref name="count"/> change events of <paramref name="operationType"/> on <paramref name="collection"/>, once committed.</summary>
    public void EventsCommitted(string collection, string operationType, int count, bool inTransaction)
    {
        if (count <= 0)
        {
            return;
        }

        Interlocked.Add(ref _events, count);
        _eventsByOperation.AddOrUpdate(operationType, count, (_, value) => value + count);
        _eventsByCollection.AddOrUpdate(collection, count, (_, value) => value + count);
        if (operationType == "delete")
        {
            _deletesByCollection.AddOrUpdate(collection, count, (_, value) => value + count);
        }

        if (inTransaction)
        {
            Interlocked.Add(ref _transactionEvents, count);
        }
    }

    public void TransactionCommitted() => Interlocked.Increment(ref _transactions);

    public void OperationFailed(string description)
    {
        Interlocked.Increment(ref _failures);
        Volatile.Write(ref _lastFailure, description);
    }
}
