using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>delete: each statement removes its first match (limit 1) or all matches (limit 0), one oplog entry per document.</summary>
internal sealed class DeleteCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["delete"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        var statements = WriteBatch.Statements(context.Command, "deletes");
        var ordered = CommandArguments.OptionalBoolean(context.Command, "ordered", true);
        var errors = new WriteErrors();
        var deleted = 0;
        using (context.Catalog.EnterLock())
        {
            var store = context.Catalog.Find(context.Database, name);
            for (var i = 0; i < statements.Count; i++)
            {
                try
                {
                    var filter = CommandArguments.OptionalDocument(statements[i], "q")
                        ?? throw new CommandException(ErrorCodes.FailedToParse, "BSON field 'delete.deletes.q' is missing but a required field");
                    var limit = CommandArguments.OptionalInteger(statements[i], "limit")
                        ?? throw new CommandException(ErrorCodes.FailedToParse, "BSON field 'delete.deletes.limit' is missing but a required field");
                    if (limit is not (0 or 1))
                    {
                        throw new CommandException(ErrorCodes.FailedToParse, $"The limit field in delete objects must be 0 or 1. Got {limit}");
                    }

                    FilterMatcher.Validate(filter);
                    if (store is null)
                    {
                        continue;
                    }

                    var matches = new List<Doc>();
                    foreach (var document in CandidateDocuments.For(store, filter))
                    {
                        if (FilterMatcher.Matches(document, filter))
                        {
                            matches.Add(document);
                            if (limit == 1)
                            {
                                break;
                            }
                        }
                    }

                    foreach (var document in matches)
                    {
                        context.Catalog.Delete(store, document, context.Session);
                        deleted++;
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

        var reply = new Doc().Add("n", deleted);
        errors.AppendTo(reply);
        return ValueTask.FromResult(reply);
    }
}
