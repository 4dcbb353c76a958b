using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>logout: forgets the user this connection authenticated on the command's database.</summary>
internal sealed class LogoutCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["logout"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        context.Server.Security.Connection(context.ConnectionId).Logout(context.Database);
        return ValueTask.FromResult(new Doc());
    }
}
