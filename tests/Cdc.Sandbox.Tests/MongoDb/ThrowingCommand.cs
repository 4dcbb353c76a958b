using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>A handler with a deliberate bug, to check a sandbox defect fails one command and not the server.</summary>
internal sealed class ThrowingCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["explode"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context) => throw new InvalidOperationException("deliberate defect");
}
