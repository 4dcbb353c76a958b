using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>listDatabases (admin only): every database holding a collection, with nameOnly and filter.</summary>
internal sealed class ListDatabasesCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["listDatabases"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        if (context.Database != "admin")
        {
            throw new CommandException(ErrorCodes.Unauthorized, "listDatabases may only be run against the admin database.");
        }

        var nameOnly = CommandArguments.OptionalBoolean(context.Command, "nameOnly", false);
        var filter = CommandArguments.OptionalDocument(context.Command, "filter") ?? new Doc();
        var databases = new List<DocValue>();
        long total = 0;
        using (context.Catalog.EnterLock())
        {
            foreach (var name in context.Catalog.DatabaseNames())
            {
                // No storage engine: the size is the documents' BSON lengths (kept as running totals) so tools see non-zero sizes.
                long size = 0;
                foreach (var collection in context.Catalog.Collections(name))
                {
                    size += collection.TotalBytes;
                }

                var entry = nameOnly
                    ? new Doc().Add("name", name)
                    : new Doc().Add("name", name).Add("sizeOnDisk", size).Add("empty", size == 0);
                if (FilterMatcher.Matches(entry, filter))
                {
                    databases.Add(DocValue.FromDocument(entry));
                    total += size;
                }
            }
        }

        var reply = new Doc().Add("databases", DocValue.FromArray(databases));
        if (!nameOnly)
        {
            reply.Add("totalSize", total).Add("totalSizeMb", total / (1024 * 1024));
        }

        return ValueTask.FromResult(reply);
    }
}
