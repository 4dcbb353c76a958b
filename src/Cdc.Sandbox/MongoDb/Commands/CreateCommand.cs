using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>create: a collection with options (notably changeStreamPreAndPostImages), logged as a create oplog entry.</summary>
internal sealed class CreateCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["create"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        var options = CollectionOptionsParser.Parse(context.Command, "create");
        using (context.Catalog.EnterLock())
        {
            context.Catalog.Create(context.Database, name, options, context.Session);
        }

        return ValueTask.FromResult(new Doc());
    }
}
