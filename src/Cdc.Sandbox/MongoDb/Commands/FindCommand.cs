using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>find: filter, sort, skip, limit, projection, batchSize, singleBatch; the result is snapshotted at the read.</summary>
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

        var results = new List<byte[]>();
        using (context.Catalog.EnterLock())
        {
            var store = context.Catalog.Find(context.Database, name);
            if (store is not null)
            {
                var matches = CandidateDocuments.For(store, filter).Where(document => FilterMatcher.Matches(document, filter));
                var ordered = sort is null ? matches : sort.Sort(matches);
                foreach (var document in ordered.Skip((int)Math.Min(skip, int.MaxValue)))
                {
                    if (limit > 0 && results.Count >= limit)
                    {
                        break;
                    }

                    results.Add(DocCodec.Write(projection is null ? document : projection.Apply(document)));
                }
            }
        }

        if (singleBatch)
        {
            batchSize = limit > 0 ? (int)Math.Min(limit, int.MaxValue) : batchSize;
            var all = results.Count > batchSize ? results.GetRange(0, batchSize) : results;
            return CursorReply.FirstBatchAsync(context, new DocumentListCursor(0, $"{context.Database}.{name}", all), int.MaxValue);
        }

        var cursor = new DocumentListCursor(context.Server.Cursors.NewId(), $"{context.Database}.{name}", results);
        return CursorReply.FirstBatchAsync(context, cursor, batchSize);
    }
}
