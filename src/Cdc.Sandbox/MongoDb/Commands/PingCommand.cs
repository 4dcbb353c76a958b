using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

internal sealed class PingCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["ping"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context) => ValueTask.FromResult(new Doc());
}
