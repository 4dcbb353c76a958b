using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>endSessions: sessions hold no server state in the sandbox yet, so ending them only validates the shape.</summary>
internal sealed class EndSessionsCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["endSessions"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        CommandArguments.RequireArray(context.Command, "endSessions");
        return ValueTask.FromResult(new Doc());
    }
}
