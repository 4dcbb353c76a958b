using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// usersInfo: 1 (all users of the database), {forAllDBs: true}, a name, {user, db}, or a list of those. Each user is
/// shown as mongod shows it (_id "db.user", user, db, roles, mechanisms), with inheritedRoles/inheritedPrivileges
/// when showPrivileges is true. Credentials are never shown.
/// </summary>
internal sealed class UsersInfoCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["usersInfo"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var showPrivileges = CommandArguments.OptionalBoolean(context.Command, "showPrivileges", false);
        var users = Select(context, context.Command["usersInfo"]!);
        var list = users.Select(user => DocValue.FromDocument(Describe(user, showPrivileges))).ToList();
        return ValueTask.FromResult(new Doc().Add("users", DocValue.FromArray(list)));
    }

    public static Doc Describe(MongoUser user, bool showPrivileges)
    {
        var document = new Doc()
            .Add("_id", user.Id)
            .Add("user", user.Name)
            .Add("db", user.Database)
            .Add("roles", UserCommandArguments.RolesDocument(user.Roles))
            .Add("mechanisms", DocValue.FromArray([.. user.MechanismNames.Select(DocValue.FromString)]));
        if (showPrivileges)
        {
            document.Add("inheritedRoles", UserCommandArguments.RolesDocument(user.Roles))
                .Add("inheritedPrivileges", UserCommandArguments.PrivilegesDocument(user.Privileges));
        }

        return document;
    }

    private static List<MongoUser> Select(CommandContext context, DocValue selector)
    {
        var directory = context.Server.Security.Users;
        if (selector.IsNumber)
        {
            return directory.List(context.Database);
        }

        if (selector.IsDocument && selector.Document.Contains("forAllDBs"))
        {
            return directory.List(null);
        }

        var users = new List<MongoUser>();
        foreach (var item in selector.IsArray ? selector.Array : [selector])
        {
            var (name, database) = item.Type == BsonType.String
                ? (item.String, context.Database)
                : item.IsDocument && item.Document["user"] is { Type: BsonType.String } user && item.Document["db"] is { Type: BsonType.String } db
                    ? (user.String, db.String)
                    : throw new CommandException(ErrorCodes.BadValue, "usersInfo takes 1, {forAllDBs: true}, a user name, {user, db}, or a list of names and {user, db}");
            if (directory.Find(name, database) is { } found)
            {
                users.Add(found);
            }
        }

        return users;
    }
}
