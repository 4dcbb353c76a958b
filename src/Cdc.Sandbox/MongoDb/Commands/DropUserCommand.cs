using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>dropUser: removes a user; connections authenticated as it lose its privileges at once.</summary>
internal sealed class DropUserCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["dropUser"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = CommandArguments.RequireString(context.Command, "dropUser");
        if (!context.Server.Security.Users.Remove(name, context.Database))
        {
            throw new CommandException(ErrorCodes.UserNotFound, $"User '{name}@{context.Database}' not found");
        }

        return ValueTask.FromResult(new Doc());
    }
}
