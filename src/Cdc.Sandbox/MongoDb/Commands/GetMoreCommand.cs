using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>getMore: the next batch of an open cursor; maxTimeMS bounds how long an awaitable cursor may wait for data.</summary>
internal sealed class GetMoreCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["getMore"];

    public async ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var idValue = context.Command["getMore"]!;
        if (idValue.Type != Schemas.Bson.BsonType.Int64)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field 'getMore.getMore' is the wrong type '{CommandArguments.TypeName(idValue)}', expected type 'long'");
        }

        var collection = CommandArguments.RequireString(context.Command, "collection");
        var batchSize = CursorReply.BatchSize(context.Command, "batchSize", int.MaxValue);
        if (batchSize == 0)
        {
            batchSize = int.MaxValue;
        }

        var maxTime = TimeSpan.FromMilliseconds(CommandArguments.OptionalInteger(context.Command, "maxTimeMS") ?? 1000);
        var id = idValue.Int64;
        if (!context.Server.Cursors.TryGet(id, out var cursor))
        {
            throw new CommandException(ErrorCodes.CursorNotFound, $"cursor id {id} not found");
        }

        var expected = cursor.Namespace;
        var requested = $"{context.Database}.{collection}";
        if (!string.Equals(expected, requested, StringComparison.Ordinal) && !expected.StartsWith($"{context.Database}.$cmd", StringComparison.Ordinal))
        {
            throw new CommandException(ErrorCodes.Unauthorized, $"Requested getMore on namespace '{requested}', but cursor belongs to a different namespace {expected}");
        }

        // While the batch is built (an awaitable cursor may wait maxTimeMS) $currentOp reports this getMore as active.
        context.Server.Cursors.BeginGetMore(id, context.Command, context.ConnectionId);
        CursorBatch? batch = null;
        try
        {
            batch = await cursor.NextBatchAsync(batchSize, maxTime, context.CancellationToken).ConfigureAwait(false);
        }
        catch (CommandException)
        {
            // A server kills a cursor whose getMore failed (e.g. ChangeStreamHistoryLost): it cannot go on.
            context.Server.Cursors.Remove(id);
            throw;
        }
        finally
        {
            context.Server.Cursors.EndGetMore(id, batch?.Documents.Count);
        }

        if (cursor.IsExhausted)
        {
            context.Server.Cursors.Remove(id);
        }

        return CursorReply.Build("nextBatch", cursor, batch);
    }
}
