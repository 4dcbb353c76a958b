using System.Collections.Immutable;
using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// find: filter, sort, skip, limit, projection, batchSize, singleBatch, readConcern. The result is the collection's
/// snapshot at the read (see <see cref="DocumentStreamCursor"/>), selected lazily by <see cref="DocumentSelection"/>:
/// an <c>_id</c> range sorted by <c>_id</c> (or unsorted) walks the <c>_id</c> order from its bound and stops at the
/// limit, and documents are encoded only as batches are sent.
/// </summary>
internal sealed class FindCommand : ICommandHandler
{
    private const int DefaultFirstBatch = 101;

    public IReadOnlyList<string> Names { get; } = ["find"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        var command = context.Command;
        foreach (var unsupported in (string[])["hint", "collation", "min", "max", "tailable", "awaitData", "returnKey", "showRecordId"])
        {
            if (command.Contains(unsupported) && !(command[unsupported] is { Type: Schemas.Bson.BsonType.Boolean, Boolean: false }))
            {
                throw CommandException.NotEmulated(ErrorCodes.BadValue, $"find option '{unsupported}'");
            }
        }

        var filter = CommandArguments.OptionalDocument(command, "filter") ?? new Doc();
        var sort = CommandArguments.OptionalDocument(command, "sort") is { Count: > 0 } sortSpec ? new SortSpecification(sortSpec) : null;
        var projection = CommandArguments.OptionalDocument(command, "projection") is { Count: > 0 } projectionSpec ? new Projection(projectionSpec) : null;
        var skip = CommandArguments.OptionalInteger(command, "skip") ?? 0;
        var limit = CommandArguments.OptionalInteger(command, "limit") ?? 0;
        if (skip < 0 || limit < 0)
        {
            throw new CommandException(ErrorCodes.BadValue, $"skip and limit must be non-negative (skip {skip}, limit {limit})");
        }

        var batchSize = CursorReply.BatchSize(command, "batchSize", DefaultFirstBatch);
        var singleBatch = CommandArguments.OptionalBoolean(command, "singleBatch", false);
        FilterMatcher.Validate(filter);
        ReadConcernOption.Validate(context);

        ImmutableSortedSet<Doc>? documents;
        using (context.Catalog.EnterLock())
        {
            documents = context.Catalog.Find(context.Database, name)?.Snapshot;
        }

        var results = documents is null ? [] : DocumentSelection.Select(documents, filter, sort, skip, limit);
        var ns = $"{context.Database}.{name}";
        if (singleBatch)
        {
            // One batch and no cursor: limit (when given) is the batch size, as a server treats singleBatch.
            var size = limit > 0 ? (int)Math.Min(limit, int.MaxValue) : batchSize;
            return CursorReply.SingleBatchAsync(context, new DocumentStreamCursor(0, ns, results, projection is null ? null : projection.Apply), size);
        }

        var cursor = new DocumentStreamCursor(context.Server.Cursors.NewId(), ns, results, projection is null ? null : projection.Apply);
        return CursorReply.FirstBatchAsync(context, cursor, batchSize);
    }
}
