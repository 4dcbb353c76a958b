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

        var visible = VisibleDatabases(context);
        var nameOnly = CommandArguments.OptionalBoolean(context.Command, "nameOnly", false);
        var filter = CommandArguments.OptionalDocument(context.Command, "filter") ?? new Doc();
        var databases = new List<DocValue>();
        long total = 0;
        using (context.Catalog.EnterLock())
        {
            foreach (var name in context.Catalog.DatabaseNames())
            {
                if (visible is not null && !visible(name))
                {
                    continue;
                }

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

    /// <summary>
    /// As mongod with authentication: a user without the cluster's listDatabases action sees only the databases it
    /// holds privileges on (authorizedDatabases unset or true), and is refused with authorizedDatabases: false.
    /// Null means every database is visible.
    /// </summary>
    private static Func<string, bool>? VisibleDatabases(CommandContext context)
    {
        var security = context.Server.Security;
        if (!security.RequireAuthentication
            || security.IsAuthorized(context.ConnectionId, Security.ResourcePattern.Cluster, ["listDatabases"]))
        {
            return null;
        }

        if (!CommandArguments.OptionalBoolean(context.Command, "authorizedDatabases", true))
        {
            throw new CommandException(ErrorCodes.Unauthorized, "not authorized on admin to execute command { listDatabases: 1, authorizedDatabases: false, $db: \"admin\" }");
        }

        var privileges = security.AuthenticatedUsers(context.ConnectionId).SelectMany(user => user.Privileges).ToList();
        return name => privileges.Any(privilege => privilege.Resource.Kind == Security.ResourceKind.Namespace && privilege.Resource.Database == name);
    }
}
