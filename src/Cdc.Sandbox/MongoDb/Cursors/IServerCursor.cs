namespace Cdc.Sandbox.MongoDb.Cursors;

/// <summary>
/// A server-side cursor that getMore pulls batches from. A finite cursor (find, aggregate, listCollections) answers at
/// once; an awaitable one (a change stream, next) may wait up to <c>maxAwait</c> for new data before answering with
/// an empty batch, and carries a post-batch resume token. Both shapes fit this one method.
/// </summary>
internal interface IServerCursor
{
    long Id { get; }

    /// <summary>The "db.collection" namespace replies name in <c>cursor.ns</c>.</summary>
    string Namespace { get; }

    /// <summary>True once the last document was handed out: the reply's cursor id becomes 0 and the cursor is forgotten.</summary>
    bool IsExhausted { get; }

    ValueTask<CursorBatch> NextBatchAsync(int batchSize, TimeSpan maxAwait, CancellationToken cancellationToken);
}
