using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>Builds the <c>{cursor: {firstBatch|nextBatch, id, ns}}</c> reply and keeps a cursor open only while it has more.</summary>
internal static class CursorReply
{
    public static async ValueTask<Doc> FirstBatchAsync(CommandContext context, IServerCursor cursor, int batchSize)
    {
        var batch = await cursor.NextBatchAsync(batchSize, TimeSpan.Zero, context.CancellationToken).ConfigureAwait(false);
        if (!cursor.IsExhausted)
        {
            context.Server.Cursors.Register(cursor, context.Command, batch.Documents.Count);
        }

        return Build("firstBatch", cursor, batch);
    }

    /// <summary>The first batch and no cursor (id 0) whatever is left, as singleBatch asks.</summary>
    public static async ValueTask<Doc> SingleBatchAsync(CommandContext context, IServerCursor cursor, int batchSize)
    {
        var batch = await cursor.NextBatchAsync(batchSize, TimeSpan.Zero, context.CancellationToken).ConfigureAwait(false);
        return Build("firstBatch", cursor, batch, closed: true);
    }

    public static Doc Build(string batchField, IServerCursor cursor, CursorBatch batch, bool closed = false)
    {
        var documents = new List<DocValue>(batch.Documents.Count);
        foreach (var document in batch.Documents)
        {
            documents.Add(DocValue.FromRawDocument(document));
        }

        var cursorDocument = new Doc()
            .Add(batchField, DocValue.FromArray(documents))
            .Add("id", closed || cursor.IsExhausted ? 0L : cursor.Id)
            .Add("ns", cursor.Namespace);
        if (batch.PostBatchResumeToken is not null)
        {
            cursorDocument.Add("postBatchResumeToken", batch.PostBatchResumeToken);
        }

        return new Doc().Add("cursor", cursorDocument);
    }

    /// <summary>batchSize as find/aggregate take it: absent means the server default of 101 for the first batch.</summary>
    public static int BatchSize(Doc? holder, string field, int defaultSize)
    {
        if (holder is null)
        {
            return defaultSize;
        }

        var size = CommandArguments.OptionalInteger(holder, field);
        if (size is < 0)
        {
            throw new CommandException(ErrorCodes.BadValue, $"BSON field '{field}' value must be >= 0, actual value '{size}'");
        }

        return size is null ? defaultSize : (int)Math.Min(size.Value, int.MaxValue);
    }
}
