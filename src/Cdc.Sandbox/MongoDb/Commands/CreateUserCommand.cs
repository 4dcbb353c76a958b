using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Security;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>createUser: a user on the command's database with built-in roles and salted SCRAM credentials (never the password).</summary>
internal sealed class CreateUserCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["createUser"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = CommandArguments.RequireString(context.Command, "createUser");
        if (name.Length == 0)
        {
            throw new CommandException(ErrorCodes.BadValue, "User name must not be empty");
        }

        var roles = UserCommandArguments.Roles(context.Command, context.Database);
        // An X.509 user ($external) authenticates with its certificate and has no password; every other user has one.
        var external = context.Database == X509Authentication.ExternalDatabase;
        if (external && context.Command.Contains("pwd"))
        {
            throw new CommandException(ErrorCodes.BadValue, "Cannot set a password for a user on $external: X.509 users authenticate with their certificate");
        }

        var credentials = external ? [] : UserCommandArguments.Credentials(context.Command, name, UserCommandArguments.Mechanisms(context.Command));
        if (!context.Server.Security.Users.TryAdd(new MongoUser(name, context.Database, roles, credentials)))
        {
            throw new CommandException(ErrorCodes.UserAlreadyExists, $"User \"{name}@{context.Database}\" already exists");
        }

        return ValueTask.FromResult(new Doc());
    }
}
