namespace Cdc.Sandbox.MongoDb.Cursors;

/// <summary>batchSize is a count (int.MaxValue for "all"). A cursor over a result materialised when the command ran (a snapshot, as a read at one point in time is).</summary>
internal sealed class DocumentListCursor : IServerCursor
{
    private const int MaxBatchBytes = Wire.WireLimits.MaxBsonObjectSize - (64 * 1024);

    private readonly IReadOnlyList<byte[]> _documents;
    private int _position;

    public DocumentListCursor(long id, string ns, IReadOnlyList<byte[]> documents)
    {
        Id = id;
        Namespace = ns;
        _documents = documents;
    }

    public long Id { get; }

    public string Namespace { get; }

    public bool IsExhausted => _position >= _documents.Count;

    public ValueTask<CursorBatch> NextBatchAsync(int batchSize, TimeSpan maxAwait, CancellationToken cancellationToken)
    {
        // A reply must stay under 16 MiB, so a batch also stops when the next document would pass that (at least one goes).
        var batch = new List<byte[]>(Math.Min(batchSize, Math.Min(_documents.Count - _position, 1024)));
        long bytes = 0;
        while (batch.Count < batchSize && _position < _documents.Count)
        {
            var document = _documents[_position];
            if (batch.Count > 0 && bytes + document.Length > MaxBatchBytes)
            {
                break;
            }

            batch.Add(document);
            bytes += document.Length;
            _position++;
        }

        return ValueTask.FromResult(new CursorBatch(batch, null));
    }
}
