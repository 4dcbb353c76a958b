using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Cursors;

/// <summary>
/// A find/aggregate cursor over a lazily evaluated result: documents are pulled from <paramref name="documents"/> and
/// encoded batch by batch as the first batch and each getMore ask, never all at once, so reading a large collection
/// holds one batch of encoded bytes (plus one document looked ahead, to know whether the cursor is exhausted). The
/// sequence must read a snapshot (a collection's immutable document set taken at the read), which keeps the result
/// what it was when the command ran however long the client takes.
/// </summary>
internal sealed class DocumentStreamCursor(long id, string ns, IEnumerable<Doc> documents, Func<Doc, Doc>? project = null) : IServerCursor
{
    private const int MaxBatchBytes = Wire.WireLimits.MaxBsonObjectSize - (64 * 1024);

    private readonly Lock _gate = new();
    private IEnumerator<Doc>? _source;
    private byte[]? _next;
    private bool _started;

    public long Id { get; } = id;

    public string Namespace { get; } = ns;

    public bool IsExhausted
    {
        get
        {
            lock (_gate)
            {
                return _started && _next is null;
            }
        }
    }

    public ValueTask<CursorBatch> NextBatchAsync(int batchSize, TimeSpan maxAwait, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_started)
            {
                _source = documents.GetEnumerator();
                _started = true;
                Advance();
            }

            // A reply must stay under 16 MiB, so a batch also stops when the next document would pass that (at least one goes).
            var batch = new List<byte[]>(Math.Min(batchSize, 1024));
            long bytes = 0;
            while (batch.Count < batchSize && _next is { } document)
            {
                if (batch.Count > 0 && bytes + document.Length > MaxBatchBytes)
                {
                    break;
                }

                batch.Add(document);
                bytes += document.Length;
                Advance();
            }

            return ValueTask.FromResult(new CursorBatch(batch, null));
        }
    }

    private void Advance()
    {
        if (_source is not null && _source.MoveNext())
        {
            _next = DocCodec.Write(project is null ? _source.Current : project(_source.Current));
            return;
        }

        _next = null;
        _source?.Dispose();
        _source = null;
    }
}
