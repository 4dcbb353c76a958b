using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>dropDatabase: one drop entry per collection, then a dropDatabase entry, as a server logs it.</summary>
internal sealed class DropDatabaseCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["dropDatabase"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        using (context.Catalog.EnterLock())
        {
            context.Catalog.DropDatabase(context.Database, context.Session);
        }

        return ValueTask.FromResult(new Doc());
    }
}
