using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Security;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>updateUser: replaces the password (new salt, new keys) and/or the roles of a user.</summary>
internal sealed class UpdateUserCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["updateUser"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = CommandArguments.RequireString(context.Command, "updateUser");
        if (!context.Command.Contains("pwd") && !context.Command.Contains("roles") && !context.Command.Contains("mechanisms"))
        {
            throw new CommandException(ErrorCodes.BadValue, "Must specify at least one field to update in updateUser (pwd, roles or mechanisms)");
        }

        if (!context.Server.Security.Users.Update(name, context.Database, user => Updated(context, user)))
        {
            throw UserCommandArguments.UserNotFound(context, name);
        }

        return ValueTask.FromResult(new Doc());
    }

    private static MongoUser Updated(CommandContext context, MongoUser user)
    {
        if (context.Command.Contains("pwd"))
        {
            var mechanisms = context.Command.Contains("mechanisms")
                ? UserCommandArguments.Mechanisms(context.Command)
                : [.. user.Credentials.Select(credential => credential.Mechanism)];
            user = user with { Credentials = UserCommandArguments.Credentials(context.Command, user.Name, mechanisms) };
        }
        else if (context.Command.Contains("mechanisms"))
        {
            // Without a new password a mechanism can only be dropped: there is nothing to derive a new credential from.
            var mechanisms = UserCommandArguments.Mechanisms(context.Command);
            if (mechanisms.Any(mechanism => user.Credential(mechanism) is null))
            {
                throw new CommandException(ErrorCodes.BadValue, "mechanisms may only be reduced without a new pwd; give pwd to add a mechanism");
            }

            user = user with { Credentials = [.. user.Credentials.Where(credential => mechanisms.Contains(credential.Mechanism))] };
        }

        if (context.Command.Contains("roles"))
        {
            user = user with { Roles = UserCommandArguments.Roles(context.Command, context.Database) };
        }

        return user;
    }
}
