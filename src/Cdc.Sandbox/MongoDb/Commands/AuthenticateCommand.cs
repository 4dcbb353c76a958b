using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Security;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>authenticate: MONGODB-X509 with the client certificate presented at the TLS handshake.</summary>
internal sealed class AuthenticateCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["authenticate"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context) =>
        ValueTask.FromResult(X509Authentication.Authenticate(context.Server, context.ConnectionId, context.Database, context.Command));
}
