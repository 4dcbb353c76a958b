using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>drop: removes a collection (MongoDB 6.0 answers NamespaceNotFound for a missing one, as here).</summary>
internal sealed class DropCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["drop"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        using (context.Catalog.EnterLock())
        {
            if (!context.Catalog.Drop(context.Database, name, context.Session))
            {
                throw new CommandException(ErrorCodes.NamespaceNotFound, "ns not found");
            }
        }

        return ValueTask.FromResult(new Doc().Add("nIndexesWas", 1).Add("ns", $"{context.Database}.{name}"));
    }
}
