namespace Cdc.Connector.Source;

/// <summary>Running totals of the snapshot reader for metrics and logs; written by the reading thread, read by anyone.</summary>
internal sealed class SnapshotCounters
{
    private long _rowsRead;
    private long _rowsEmitted;
    private long _rowsDropped;
    private long _chunks;
    private long _collectionsCompleted;

    public long RowsRead => Interlocked.Read(ref _rowsRead);

    public long RowsEmitted => Interlocked.Read(ref _rowsEmitted);

    /// <summary>Rows a change event of the same document made redundant while their chunk's window was open.</summary>
    public long RowsDropped => Interlocked.Read(ref _rowsDropped);

    public long Chunks => Interlocked.Read(ref _chunks);

    public long CollectionsCompleted => Interlocked.Read(ref _collectionsCompleted);

    public void ChunkRead(int rows)
    {
        Interlocked.Increment(ref _chunks);
        Interlocked.Add(ref _rowsRead, rows);
    }

    public void RowEmitted() => Interlocked.Increment(ref _rowsEmitted);

    public void RowsDroppedBy(int rows) => Interlocked.Add(ref _rowsDropped, rows);

    public void CollectionCompleted() => Interlocked.Increment(ref _collectionsCompleted);
}
