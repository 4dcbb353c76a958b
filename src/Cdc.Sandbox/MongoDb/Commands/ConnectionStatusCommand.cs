using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>connectionStatus: who this connection is authenticated as, their roles and (showPrivileges) their privileges.</summary>
internal sealed class ConnectionStatusCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["connectionStatus"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var users = context.Server.Security.AuthenticatedUsers(context.ConnectionId);
        var authInfo = new Doc()
            .Add("authenticatedUsers", DocValue.FromArray([.. users.Select(user => DocValue.FromDocument(new Doc().Add("user", user.Name).Add("db", user.Database)))]))
            .Add("authenticatedUserRoles", UserCommandArguments.RolesDocument(users.SelectMany(user => user.Roles).Distinct()));
        if (CommandArguments.OptionalBoolean(context.Command, "showPrivileges", false))
        {
            authInfo.Add("authenticatedUserPrivileges", UserCommandArguments.PrivilegesDocument(users.SelectMany(user => user.Privileges)));
        }

        return ValueTask.FromResult(new Doc().Add("authInfo", authInfo));
    }
}
