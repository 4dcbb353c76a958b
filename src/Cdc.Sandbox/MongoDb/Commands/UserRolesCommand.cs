using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>grantRolesToUser / revokeRolesFromUser: adds or removes roles; they apply to open connections at once.</summary>
internal sealed class UserRolesCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["grantRolesToUser", "revokeRolesFromUser"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = CommandArguments.RequireString(context.Command, context.Name);
        var user = UserCommandArguments.RequireUser(context, name);
        var roles = UserCommandArguments.Roles(context.Command, context.Database);
        var updated = context.Name == "grantRolesToUser"
            ? user.Roles.Concat(roles.Where(role => !user.Roles.Contains(role))).ToList()
            : user.Roles.Where(role => !roles.Contains(role)).ToList();
        context.Server.Security.Users.Replace(user with { Roles = updated });
        return ValueTask.FromResult(new Doc());
    }
}
