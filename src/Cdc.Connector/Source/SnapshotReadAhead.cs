namespace Cdc.Connector.Source;

/// <summary>
/// A collection's next chunk, read on a thread pool thread while the reading thread publishes the rows of the chunk
/// before it. It may only stand in for a read made at the next batch boundary when nothing was read from the stream in
/// between (<see cref="StreamReads"/>) and it continues after the collection's committed last <c>_id</c>
/// (<see cref="AfterId"/>): then the stream stood at the same position during both reads, which is all the window's
/// rules depend on.
/// </summary>
internal sealed class SnapshotReadAhead
{
    private readonly Task<SnapshotChunk> _read;

    private SnapshotReadAhead(SnapshotNamespace collection, byte[] afterId, long streamReads, Task<SnapshotChunk> read)
    {
        Collection = collection;
        AfterId = afterId;
        StreamReads = streamReads;
        _read = read;
    }

    public SnapshotNamespace Collection { get; }

    /// <summary>The <c>{_id: value}</c> the chunk continues after.</summary>
    public byte[] AfterId { get; }

    /// <summary>How many reads of the change stream had been made when this read started.</summary>
    public long StreamReads { get; }

    public static SnapshotReadAhead Start(
        ISnapshotReader reader, SnapshotNamespace collection, byte[] afterId, int limit, long streamReads, CancellationToken cancellationToken)
    {
        var read = Task.Run(() => reader.ReadChunk(collection, afterId, limit, cancellationToken), cancellationToken);
        return new SnapshotReadAhead(collection, afterId, streamReads, read);
    }

    /// <summary>Whether this read can stand in for reading <paramref name="collection"/> after <paramref name="lastId"/> now.</summary>
    public bool Fits(SnapshotNamespace collection, byte[]? lastId, long streamReads) =>
        Collection == collection && StreamReads == streamReads && lastId is not null && AfterId.AsSpan().SequenceEqual(lastId);

    /// <summary>The chunk, waiting for the read to finish; a failed read throws its own exception, as a read on the calling thread would.</summary>
    public SnapshotChunk Take() => _read.GetAwaiter().GetResult();

    /// <summary>Gives the read up: it finishes on its own, and its failure (if any) is observed and ignored.</summary>
    public void Abandon() => _read.ContinueWith(static read => _ = read.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
}
