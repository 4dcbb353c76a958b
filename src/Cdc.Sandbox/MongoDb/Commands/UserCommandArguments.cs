using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>The fields the user-management commands share (roles, pwd, mechanisms) and how users and privileges are shown.</summary>
internal static class UserCommandArguments
{
    /// <summary>Roles as strings (on the command's database) or {role, db}; each must be a built-in role.</summary>
    public static List<RoleName> Roles(Doc command, string database)
    {
        var roles = new List<RoleName>();
        foreach (var item in CommandArguments.RequireArray(command, "roles"))
        {
            RoleName role;
            if (item.Type == BsonType.String)
            {
                role = new RoleName(item.String, database);
            }
            else if (item.IsDocument && item.Document["role"] is { Type: BsonType.String } name && item.Document["db"] is { Type: BsonType.String } db)
            {
                role = new RoleName(name.String, db.String);
            }
            else
            {
                throw new CommandException(ErrorCodes.BadValue, "a role must be a string (a role on the command's database) or {role: <name>, db: <database>}");
            }

            if (!BuiltInRoles.Exists(role))
            {
                throw new CommandException(ErrorCodes.RoleNotFound, $"Could not find role: {role.Role}@{role.Database} (the cdc sandbox knows the built-in roles only; cluster-wide ones exist on admin)");
            }

            if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    public static List<ScramMechanism> Mechanisms(Doc command)
    {
        if (!command.Contains("mechanisms"))
        {
            return [ScramMechanism.Sha1, ScramMechanism.Sha256];
        }

        var mechanisms = new List<ScramMechanism>();
        foreach (var item in CommandArguments.RequireArray(command, "mechanisms"))
        {
            var mechanism = item.Type == BsonType.String ? ScramMechanism.FromName(item.String) : null;
            if (mechanism is null)
            {
                throw new CommandException(ErrorCodes.BadValue, $"Unknown auth mechanism '{(item.Type == BsonType.String ? item.String : CommandArguments.TypeName(item))}': use SCRAM-SHA-1 and/or SCRAM-SHA-256");
            }

            mechanisms.Add(mechanism);
        }

        if (mechanisms.Count == 0)
        {
            throw new CommandException(ErrorCodes.BadValue, "mechanisms field must not be empty");
        }

        return mechanisms;
    }

    public static List<ScramCredential> Credentials(Doc command, string user, List<ScramMechanism> mechanisms)
    {
        var password = CommandArguments.RequireString(command, "pwd");
        if (password.Length == 0)
        {
            throw new CommandException(ErrorCodes.BadValue, "Password cannot be empty");
        }

        try
        {
            return MongoUser.CreateCredentials(user, password, mechanisms);
        }
        catch (ArgumentException error)
        {
            throw new CommandException(ErrorCodes.BadValue, error.Message);
        }
    }

    public static CommandException UserNotFound(CommandContext context, string name) =>
        new(ErrorCodes.UserNotFound, $"Could not find user \"{name}\" for db \"{context.Database}\"");

    public static DocValue RolesDocument(IEnumerable<RoleName> roles) =>
        DocValue.FromArray([.. roles.Select(role => DocValue.FromDocument(new Doc().Add("role", role.Role).Add("db", role.Database)))]);

    public static DocValue PrivilegesDocument(IEnumerable<Privilege> privileges)
    {
        var merged = new Dictionary<ResourcePattern, SortedSet<string>>();
        foreach (var privilege in privileges)
        {
            if (!merged.TryGetValue(privilege.Resource, out var actions))
            {
                merged[privilege.Resource] = actions = new SortedSet<string>(StringComparer.Ordinal);
            }

            actions.UnionWith(privilege.Actions);
        }

        return DocValue.FromArray([.. merged.Select(entry => DocValue.FromDocument(new Doc()
            .Add("resource", ResourceDocument(entry.Key))
            .Add("actions", DocValue.FromArray([.. entry.Value.Select(DocValue.FromString)]))))]);
    }

    private static Doc ResourceDocument(ResourcePattern resource) => resource.Kind switch
    {
        ResourceKind.Cluster => new Doc().Add("cluster", true),
        ResourceKind.AnyResource => new Doc().Add("anyResource", true),
        _ => new Doc().Add("db", resource.Database).Add("collection", resource.Collection),
    };
}
