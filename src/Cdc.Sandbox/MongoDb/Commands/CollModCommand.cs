using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>collMod: changes collection options (changeStreamPreAndPostImages, validator, validationLevel, validationAction), logged as a modify oplog entry.</summary>
internal sealed class CollModCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["collMod"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        var change = CollectionOptionsParser.Parse(context.Command, "collMod");
        using (context.Catalog.EnterLock())
        {
            var store = context.Catalog.Find(context.Database, name)
                ?? throw new CommandException(ErrorCodes.NamespaceNotFound, $"ns does not exist: {context.Database}.{name}");
            var options = store.Options.Clone();
            foreach (var (field, value) in change.Fields)
            {
                options.Set(field, value);
            }

            context.Catalog.Modify(store, options, change, context.Session);
        }

        return ValueTask.FromResult(new Doc());
    }
}
