using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Security;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>saslStart / saslContinue: SCRAM-SHA-1 and SCRAM-SHA-256 authentication on the command's database (authSource).</summary>
internal sealed class SaslCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["saslStart", "saslContinue"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context) => ValueTask.FromResult(context.Name == "saslStart"
        ? SaslExchange.Start(context.Server, context.ConnectionId, context.Database, context.Command)
        : SaslExchange.Continue(context.Server, context.ConnectionId, context.Command));
}
