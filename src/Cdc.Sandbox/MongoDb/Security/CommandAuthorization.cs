using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// What mongod --auth checks before running a command: who may run it unauthenticated, and the actions each other
/// command needs on which resource. Only consulted when the server requires authentication.
/// </summary>
internal static class CommandAuthorization
{
    /// <summary>Commands mongod answers before authentication (the handshake, authentication itself, session cleanup).</summary>
    private static readonly HashSet<string> WithoutAuthentication = new(StringComparer.Ordinal)
    {
        "hello", "isMaster", "ismaster", "ping", "buildInfo", "saslStart", "saslContinue", "authenticate", "endSessions", "logout", "connectionStatus",
    };

    /// <summary>Commands any authenticated user may run: they act only on the caller's own session.</summary>
    private static readonly HashSet<string> ForAnyAuthenticatedUser = new(StringComparer.Ordinal)
    {
        "commitTransaction", "abortTransaction",
    };

    public static void Check(CommandContext context)
    {
        var security = context.Server.Security;
        if (!security.RequireAuthentication || WithoutAuthentication.Contains(context.Name))
        {
            return;
        }

        // mongod's localhost exception: with no user yet, a local client may create the first one on admin.
        if (security.Users.IsEmpty && context.Name == "createUser" && context.Database == "admin")
        {
            return;
        }

        if (security.AuthenticatedUsers(context.ConnectionId).Count == 0)
        {
            throw new CommandException(ErrorCodes.Unauthorized, $"command {context.Name} requires authentication");
        }

        if (ForAnyAuthenticatedUser.Contains(context.Name))
        {
            return;
        }

        if (context.Name is "getMore" or "killCursors")
        {
            foreach (var cursorId in CursorIds(context))
            {
                if (!security.IsCursorOwner(cursorId, context.ConnectionId))
                {
                    throw NotAuthorized(context);
                }
            }

            return;
        }

        if (context.Name == "usersInfo" && AsksOnlyAboutItself(context, security.AuthenticatedUsers(context.ConnectionId)))
        {
            return;
        }

        foreach (var (resource, actions) in Required(context))
        {
            if (!security.IsAuthorized(context.ConnectionId, resource, actions))
            {
                throw NotAuthorized(context);
            }
        }
    }

    /// <summary>Ids of the cursors a getMore or killCursors names (left for the command to validate if malformed).</summary>
    public static IEnumerable<long> CursorIds(CommandContext context)
    {
        if (context.Name == "getMore")
        {
            return context.Command["getMore"] is { Type: BsonType.Int64 } id ? [id.Int64] : [];
        }

        return context.Command["cursors"] is { IsArray: true } ids ? ids.Array.Where(id => id.Type == BsonType.Int64).Select(id => id.Int64) : [];
    }

    /// <summary>As on mongod, any user may look itself up with usersInfo (by name on its database, or {user, db}).</summary>
    private static bool AsksOnlyAboutItself(CommandContext context, List<MongoUser> users)
    {
        var selector = context.Command["usersInfo"]!;
        var (name, database) = selector.Type == BsonType.String
            ? (selector.String, context.Database)
            : selector.IsDocument && selector.Document["user"] is { Type: BsonType.String } user && selector.Document["db"] is { Type: BsonType.String } db
                ? (user.String, db.String)
                : (null, null);
        return name is not null && users.Any(candidate => candidate.Name == name && candidate.Database == database);
    }

    /// <summary>mongod's wording: "not authorized on shop to execute command { find: "orders", $db: "shop" }".</summary>
    private static CommandException NotAuthorized(CommandContext context) =>
        new(ErrorCodes.Unauthorized, $"not authorized on {context.Database} to execute command {{ {context.Name}: {DocJson.Format(context.Command.Fields[0].Value)}, $db: \"{context.Database}\" }}");

    private static List<(ResourcePattern Resource, string[] Actions)> Required(CommandContext context)
    {
        var database = context.Database;
        var onDatabase = ResourcePattern.OnDatabase(database);
        var target = context.Command.Fields[0].Value is { Type: BsonType.String } collection ? ResourcePattern.OnCollection(database, collection.String) : onDatabase;
        return context.Name switch
        {
            "find" or "count" or "distinct" => [(target, ["find"])],
            "aggregate" => Aggregate(context, target),
            "insert" => [(target, ["insert"])],
            "update" => [(target, Upserts(context.Command) ? ["update", "insert"] : ["update"])],
            "delete" => [(target, ["remove"])],
            "create" => [(target, ["createCollection"])],
            "collMod" => [(target, ["collMod"])],
            "drop" => [(target, ["dropCollection"])],
            "dropDatabase" => [(onDatabase, ["dropDatabase"])],
            "createIndexes" => [(target, ["createIndex"])],
            "dropIndexes" => [(target, ["dropIndex"])],
            "listIndexes" => [(target, ["listIndexes"])],
            "listCollections" => [(onDatabase, ["listCollections"])],
            // Any authenticated user: without the cluster's listDatabases action it lists only its own databases.
            "listDatabases" => [],
            "renameCollection" => Rename(context.Command),
            "currentOp" => [(ResourcePattern.Cluster, ["inprog"])],
            "configureFailPoint" => [(ResourcePattern.Cluster, ["configureFailPoint"])],
            "replSetStepDown" or "replSetFreeze" => [(ResourcePattern.Cluster, ["replSetStateChange"])],
            "createUser" => [(onDatabase, ["createUser"]), .. RoleGrants(context, "grantRole")],
            "dropUser" => [(onDatabase, ["dropUser"])],
            "updateUser" => [
                .. context.Command.Contains("pwd") || context.Command.Contains("mechanisms") ? [(onDatabase, new[] { "changePassword" })] : Array.Empty<(ResourcePattern, string[])>(),
                .. context.Command.Contains("roles") ? [(onDatabase, new[] { "grantRole", "revokeRole" })] : Array.Empty<(ResourcePattern, string[])>(),
            ],
            "grantRolesToUser" => RoleGrants(context, "grantRole"),
            "revokeRolesFromUser" => RoleGrants(context, "revokeRole"),
            "usersInfo" => [(onDatabase, ["viewUser"])],

            // A command added to the emulator without a rule here is root-only until someone decides what it needs.
            _ => [(ResourcePattern.AnyResource, ["anyAction"])],
        };
    }

    /// <summary>
    /// A change stream needs changeStream and find on what it watches: the collection, the database ({db, ""}) for
    /// aggregate: 1, or every database ({"", ""}) for allChangesForCluster. $currentOp needs inprog on the cluster.
    /// </summary>
    private static List<(ResourcePattern, string[])> Aggregate(CommandContext context, ResourcePattern target)
    {
        var firstStage = context.Command["pipeline"] is { IsArray: true } pipeline && pipeline.Array.Count > 0 && pipeline.Array[0].IsDocument
            ? pipeline.Array[0].Document
            : null;
        var stageName = firstStage is { Count: > 0 } ? firstStage.Fields[0].Key : "";
        switch (stageName)
        {
            case "$changeStream":
                var wholeCluster = firstStage!.Fields[0].Value is { IsDocument: true } options
                    && CommandArguments.OptionalBoolean(options.Document, "allChangesForCluster", false);
                var watched = wholeCluster ? ResourcePattern.AnyNormalResource : target;
                return [(watched, ["changeStream", "find"])];
            case "$currentOp":
                return [(ResourcePattern.Cluster, ["inprog"])];
            case "$collStats":
                return [(target, ["collStats"])];
            default:
                return [(target, ["find"])];
        }
    }

    private static bool Upserts(Doc command) =>
        command["updates"] is { IsArray: true } updates
        && updates.Array.Any(update => update.IsDocument && update.Document["upsert"] is { Type: BsonType.Boolean, Boolean: true });

    /// <summary>Same database: renameCollectionSameDB on both names; across databases: read and drop the source, write the target.</summary>
    private static List<(ResourcePattern, string[])> Rename(Doc command)
    {
        if (command["renameCollection"] is not { Type: BsonType.String } from || command["to"] is not { Type: BsonType.String } to)
        {
            return [];
        }

        var source = Namespace(from.String);
        var target = Namespace(to.String);
        return source.Database == target.Database
            ? [(source, ["renameCollectionSameDB"]), (target, ["renameCollectionSameDB"])]
            : [(source, ["find", "dropCollection"]), (target, ["insert", "createIndex"])];
    }

    private static ResourcePattern Namespace(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? ResourcePattern.OnDatabase(name) : ResourcePattern.OnCollection(name[..dot], name[(dot + 1)..]);
    }

    /// <summary>Granting or revoking a role needs grantRole/revokeRole on the database the role is defined on.</summary>
    private static List<(ResourcePattern, string[])> RoleGrants(CommandContext context, string action)
    {
        var required = new List<(ResourcePattern, string[])> { (ResourcePattern.OnDatabase(context.Database), [action]) };
        if (context.Command["roles"] is { IsArray: true } roles)
        {
            foreach (var role in roles.Array)
            {
                if (role.IsDocument && role.Document["db"] is { Type: BsonType.String } db)
                {
                    required.Add((ResourcePattern.OnDatabase(db.String), [action]));
                }
            }
        }

        return required;
    }
}
