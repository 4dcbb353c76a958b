using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>renameCollection (admin only): moves a collection, keeping its UUID, within or across databases.</summary>
internal sealed class RenameCollectionCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["renameCollection"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        if (context.Database != "admin")
        {
            throw new CommandException(ErrorCodes.Unauthorized, "renameCollection may only be run against the admin database.");
        }

        var (sourceDatabase, sourceCollection) = Split(CommandArguments.RequireString(context.Command, "renameCollection"), "renameCollection");
        var (targetDatabase, targetCollection) = Split(CommandArguments.RequireString(context.Command, "to"), "to");
        var dropTarget = CommandArguments.OptionalBoolean(context.Command, "dropTarget", false);
        using (context.Catalog.EnterLock())
        {
            var store = context.Catalog.Find(sourceDatabase, sourceCollection)
                ?? throw new CommandException(ErrorCodes.NamespaceNotFound, $"Source collection {sourceDatabase}.{sourceCollection} does not exist");
            if (sourceDatabase == targetDatabase && sourceCollection == targetCollection)
            {
                throw new CommandException(ErrorCodes.IllegalOperation, "Can't rename a collection to itself");
            }

            context.Catalog.Rename(store, targetDatabase, targetCollection, dropTarget, context.Session);
        }

        return ValueTask.FromResult(new Doc());
    }

    private static (string Database, string Collection) Split(string ns, string field)
    {
        var dot = ns.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == ns.Length - 1)
        {
            throw new CommandException(ErrorCodes.InvalidNamespace, $"Invalid {field} namespace: '{ns}' (expected <db>.<collection>)");
        }

        return (ns[..dot], ns[(dot + 1)..]);
    }
}
