using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// createIndexes: records index specs (metadata only), creating the collection implicitly as mongod does; each new
/// index is one createIndexes oplog entry. Every spec is checked before any is built, so a conflict builds none.
/// </summary>
internal sealed class CreateIndexesCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["createIndexes"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        var requested = CommandArguments.RequireArray(context.Command, "indexes");
        if (requested.Count == 0)
        {
            throw new CommandException(ErrorCodes.BadValue, "Must specify at least one index to create");
        }

        var specs = new List<Doc>(requested.Count);
        for (var i = 0; i < requested.Count; i++)
        {
            var spec = IndexSpecs.Normalize(requested[i], i);
            foreach (var earlier in specs)
            {
                if (IndexSpecs.NameOf(earlier) == IndexSpecs.NameOf(spec) && !(IndexSpecs.SameKey(earlier, spec) && IndexSpecs.SameOptions(earlier, spec)))
                {
                    throw new CommandException(ErrorCodes.IndexKeySpecsConflict, $"Two index specifications in this request share the name '{IndexSpecs.NameOf(spec)}' but differ");
                }
            }

            specs.Add(spec);
        }

        var reply = new Doc();
        using (context.Catalog.EnterLock())
        {
            var store = context.Catalog.Find(context.Database, name);
            var created = store is null;
            store ??= context.Catalog.Create(context.Database, name, new Doc(), context.Session);
            var before = store.Indexes.Count + 1;
            var toBuild = new List<Doc>();
            foreach (var spec in specs)
            {
                if (!IndexSpecs.AlreadyExists(store, spec) && !toBuild.Exists(pending => IndexSpecs.NameOf(pending) == IndexSpecs.NameOf(spec)))
                {
                    toBuild.Add(spec);
                }
            }

            foreach (var spec in toBuild)
            {
                context.Catalog.CreateIndex(store, spec, context.Session);
            }

            reply.Add("numIndexesBefore", before).Add("numIndexesAfter", store.Indexes.Count + 1);
            if (toBuild.Count == 0)
            {
                reply.Add("note", "all indexes already exist");
            }

            reply.Add("createdCollectionAutomatically", created);
        }

        return ValueTask.FromResult(reply);
    }
}
