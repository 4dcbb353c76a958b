namespace Cdc.Connector.Source;

/// <summary>Running totals of the snapshot reader for metrics and logs; written by the reading thread, read by anyone.</summary>
internal sealed class SnapshotCounters
{
    private long _rowsRead;
    private long _rowsEmitted;
    private long _rowsDropped;
    private long _chunks;
    private long _collectionsCompleted;
    private SnapshotProgress? _progress;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _estimates = new(StringComparer.Ordinal);

    public long RowsRead => Interlocked.Read(ref _rowsRead);

    public long RowsEmitted => Interlocked.Read(ref _rowsEmitted);

    /// <summary>Rows a change event of the same document made redundant while their chunk's window was open.</summary>
    public long RowsDropped => Interlocked.Read(ref _rowsDropped);

    public long Chunks => Interlocked.Read(ref _chunks);

    public long CollectionsCompleted => Interlocked.Read(ref _collectionsCompleted);

    /// <summary>The reading thread's current snapshot progress (rows published per collection, done or not); null before any.</summary>
    public SnapshotProgress? Progress => Volatile.Read(ref _progress);

    public void Progressed(SnapshotProgress? progress) => Volatile.Write(ref _progress, progress);

    /// <summary>The collection's estimated document count when its snapshot began, by "db.coll".</summary>
    public void Estimated(string @namespace, long documents) => _estimates[@namespace] = documents;

    /// <summary>Documents estimated left to read: the estimate less the rows published, per unfinished collection.</summary>
    public long EstimatedRemaining(CollectionSnapshotProgress collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return collection.Done || !_estimates.TryGetValue(collection.Namespace, out var estimate) ? 0 : Math.Max(0, estimate - collection.Rows);
    }

    public void ChunkRead(int rows)
    {
        Interlocked.Increment(ref _chunks);
        Interlocked.Add(ref _rowsRead, rows);
    }

    public void RowEmitted() => Interlocked.Increment(ref _rowsEmitted);

    public void RowsDroppedBy(int rows) => Interlocked.Add(ref _rowsDropped, rows);

    public void CollectionCompleted() => Interlocked.Increment(ref _collectionsCompleted);
}
