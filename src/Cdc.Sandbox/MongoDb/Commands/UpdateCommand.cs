using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// update: replacement or operator updates, multi, upsert. A document left unchanged is matched but not modified and
/// logs nothing (as on a server); each modified document logs its own oplog entry.
/// </summary>
internal sealed class UpdateCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["update"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        var statements = WriteBatch.Statements(context.Command, "updates");
        var ordered = CommandArguments.OptionalBoolean(context.Command, "ordered", true);
        var errors = new WriteErrors();
        var upserted = new List<DocValue>();
        var totals = new int[2];
        using (context.Catalog.EnterLock())
        {
            for (var i = 0; i < statements.Count; i++)
            {
                try
                {
                    var upsertedId = ExecuteStatement(context, name, statements[i], totals);
                    if (upsertedId is not null)
                    {
                        upserted.Add(DocValue.FromDocument(new Doc().Add("index", i).Add("_id", upsertedId)));
                    }
                }
                catch (CommandException error)
                {
                    errors.Add(i, error);
                    if (ordered)
                    {
                        break;
                    }
                }
            }
        }

        var reply = new Doc().Add("n", totals[0] + upserted.Count).Add("nModified", totals[1]);
        if (upserted.Count > 0)
        {
            reply.Add("upserted", DocValue.FromArray(upserted));
        }

        errors.AppendTo(reply);
        return ValueTask.FromResult(reply);
    }

    /// <summary>Runs one statement; adds to totals [matched, modified]; returns the upserted _id if it inserted.</summary>
    private static DocValue? ExecuteStatement(CommandContext context, string name, Doc statement, int[] totals)
    {
        var filter = CommandArguments.OptionalDocument(statement, "q")
            ?? throw new CommandException(ErrorCodes.FailedToParse, "BSON field 'update.updates.q' is missing but a required field");
        var updateValue = statement["u"] ?? throw new CommandException(ErrorCodes.FailedToParse, "BSON field 'update.updates.u' is missing but a required field");
        if (updateValue.IsArray)
        {
            throw CommandException.NotEmulated(ErrorCodes.FailedToParse, "an aggregation pipeline as an update");
        }

        if (!updateValue.IsDocument)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field 'update.updates.u' is the wrong type '{CommandArguments.TypeName(updateValue)}'");
        }

        foreach (var unsupported in (string[])["arrayFilters", "collation", "hint"])
        {
            if (statement.Contains(unsupported))
            {
                throw CommandException.NotEmulated(ErrorCodes.BadValue, $"update option '{unsupported}'");
            }
        }

        var update = updateValue.Document;
        var multi = CommandArguments.OptionalBoolean(statement, "multi", false);
        var upsert = CommandArguments.OptionalBoolean(statement, "upsert", false);
        var isOperatorUpdate = UpdateApplier.IsOperatorUpdate(update);
        if (isOperatorUpdate)
        {
            UpdateApplier.Validate(update);
        }
        else if (multi)
        {
            throw new CommandException(ErrorCodes.FailedToParse, "multi update is not supported for replacement-style update");
        }

        FilterMatcher.Validate(filter);
        var store = context.Catalog.Find(context.Database, name);
        var matches = new List<Doc>();
        if (store is not null)
        {
            foreach (var document in CandidateDocuments.For(store, filter))
            {
                if (FilterMatcher.Matches(document, filter))
                {
                    matches.Add(document);
                    if (!multi)
                    {
                        break;
                    }
                }
            }
        }

        if (matches.Count == 0)
        {
            return upsert ? Upsert(context, name, filter, update, isOperatorUpdate) : null;
        }

        foreach (var before in matches)
        {
            totals[0]++;
            var after = isOperatorUpdate ? ApplyOperators(before, update) : Replace(before, update);
            var description = UpdateDiff.Compute(before, after);
            if (description.IsEmpty && SameFieldOrder(before, after))
            {
                continue;
            }

            context.Catalog.Update(store!, before, after, isOperatorUpdate ? description : null, context.Session);
            totals[1]++;
        }

        return null;
    }

    private static Doc ApplyOperators(Doc before, Doc update)
    {
        var after = before.Clone();
        UpdateApplier.Apply(after, update, isInsert: false);
        return after;
    }

    private static Doc Replace(Doc before, Doc replacement)
    {
        var id = before["_id"]!;
        if (replacement["_id"] is { } newId && DocComparer.Instance.Compare(newId, id) != 0)
        {
            throw new CommandException(ErrorCodes.ImmutableField, $"After applying the update, the (immutable) field '_id' was found to have been altered to _id: {newId}");
        }

        var after = new Doc().Add("_id", id);
        foreach (var (field, value) in replacement.Fields)
        {
            if (field != "_id")
            {
                after.Add(field, value.Clone());
            }
        }

        return after;
    }

    private static DocValue Upsert(CommandContext context, string name, Doc filter, Doc update, bool isOperatorUpdate)
    {
        Doc document;
        if (isOperatorUpdate)
        {
            document = SeedFromFilter(filter);
            UpdateApplier.Apply(document, update, isInsert: true);
        }
        else
        {
            document = update.Clone();
            document.Remove("_id");
            if ((update["_id"] ?? filter["_id"]) is { } id && !(id.IsDocument && id.Document.Count > 0 && id.Document.Fields[0].Key.StartsWith('$')))
            {
                document.Insert(0, "_id", id.Clone());
            }
        }

        if (document["_id"] is { } existing)
        {
            document.Remove("_id");
            document.Insert(0, "_id", existing);
        }
        else
        {
            document.Insert(0, "_id", DocValue.FromObjectId(ObjectIdGenerator.Next()));
        }

        var store = context.Catalog.GetOrCreate(context.Database, name, context.Session);
        context.Catalog.Insert(store, document, context.Session);
        return CollectionStore.IdOf(document);
    }

    /// <summary>An upsert starts from the filter's equality conditions ({a: 1, "b.c": 2, x: {$eq: 3}}), as the server does.</summary>
    private static Doc SeedFromFilter(Doc filter)
    {
        var seed = new Doc();
        foreach (var (path, condition) in filter.Fields)
        {
            if (path.StartsWith('$'))
            {
                continue;
            }

            if (condition.IsDocument && condition.Document.Count > 0 && condition.Document.Fields[0].Key.StartsWith('$'))
            {
                if (condition.Document["$eq"] is { } equal)
                {
                    PathEditor.Set(seed, path, equal.Clone());
                }

                continue;
            }

            PathEditor.Set(seed, path, condition.Clone());
        }

        return seed;
    }

    private static bool SameFieldOrder(Doc before, Doc after)
    {
        if (before.Count != after.Count)
        {
            return false;
        }

        for (var i = 0; i < before.Count; i++)
        {
            if (!string.Equals(before.Fields[i].Key, after.Fields[i].Key, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
