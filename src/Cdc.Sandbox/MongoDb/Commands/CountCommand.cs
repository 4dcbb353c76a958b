using System.Collections.Immutable;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// count: <c>{count: coll, query?, limit?, skip?, readConcern?, collation?, comment?, maxTimeMS?}</c> → <c>{n}</c>, what
/// drivers' estimatedDocumentCount sends. Without a query it is the collection's document count (O(1), the running
/// count, where a server reads its collection metadata); with one, the matches are counted over the read's snapshot
/// (an <c>_id</c> range only walks its stretch). A missing collection counts 0. As on a server a negative limit
/// means its absolute value, a negative skip fails, and an unknown field fails 40415.
/// </summary>
internal sealed class CountCommand : ICommandHandler
{
    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
    {
        "count", "query", "limit", "skip", "hint", "collation", "fields", "readConcern", "maxTimeMS", "comment",
    };

    public IReadOnlyList<string> Names { get; } = ["count"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        var command = context.Command;
        foreach (var (field, _) in command.Fields)
        {
            if (!Fields.Contains(field) && !GenericCommandFields.IsGeneric(field))
            {
                throw new CommandException(40415, $"BSON field 'count.{field}' is an unknown field.");
            }
        }

        if (command["hint"] is { } hint && !(hint.Type == BsonType.String && hint.String.Length == 0) && !(hint.IsDocument && hint.Document.Count == 0))
        {
            throw CommandException.NotEmulated(ErrorCodes.BadValue, "count option 'hint'");
        }

        var query = CommandArguments.OptionalDocument(command, "query") ?? new Doc();
        var limit = Math.Abs(Number(command, "limit"));
        var skip = Number(command, "skip");
        if (skip < 0)
        {
            throw new CommandException(ErrorCodes.FailedToParse, $"Expected a non-negative number in: skip: {skip}");
        }

        CollationOption.Validate(command, "count");
        FilterMatcher.Validate(query);
        ReadConcernOption.Validate(context);

        ImmutableSortedSet<Doc>? documents;
        using (context.Catalog.EnterLock())
        {
            documents = context.Catalog.Find(context.Database, name)?.Snapshot;
        }

        long count;
        if (documents is null)
        {
            count = 0;
        }
        else if (query.Count == 0)
        {
            var remaining = Math.Max(0, documents.Count - skip);
            count = limit > 0 ? Math.Min(remaining, limit) : remaining;
        }
        else
        {
            count = DocumentSelection.Select(documents, query, sort: null, skip, limit).LongCount();
        }

        return ValueTask.FromResult(new Doc().Add("n", DocValue.FromCount(count)));
    }

    /// <summary>limit/skip as count parses them: any number with an integral value, else BadValue.</summary>
    private static long Number(Doc command, string field)
    {
        if (command[field] is not { } value)
        {
            return 0;
        }

        if (!value.IsNumber)
        {
            throw new CommandException(ErrorCodes.BadValue, $"{field} value is not a valid number");
        }

        var number = CommandArguments.AsInteger(value, field);
        if (number == long.MinValue)
        {
            throw new CommandException(ErrorCodes.BadValue, $"{field} value for count cannot be min long");
        }

        return number;
    }
}
