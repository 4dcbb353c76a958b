using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>grantRolesToUser / revokeRolesFromUser: adds or removes roles; they apply to open connections at once.</summary>
internal sealed class UserRolesCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["grantRolesToUser", "revokeRolesFromUser"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = CommandArguments.RequireString(context.Command, context.Name);
        var roles = UserCommandArguments.Roles(context.Command, context.Database);
        var grant = context.Name == "grantRolesToUser";
        if (!context.Server.Security.Users.Update(name, context.Database, user => user with
        {
            Roles = grant ? [.. user.Roles, .. roles.Where(role => !user.Roles.Contains(role))] : [.. user.Roles.Where(role => !roles.Contains(role))],
        }))
        {
            throw UserCommandArguments.UserNotFound(context, name);
        }

        return ValueTask.FromResult(new Doc());
    }
}
