using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>One command. Returns the reply body without ok/$clusterTime (the dispatcher adds them); fails by throwing <see cref="CommandException"/>.</summary>
internal interface ICommandHandler
{
    /// <summary>Command names this handler answers, exactly as MongoDB spells them (names are case-sensitive).</summary>
    IReadOnlyList<string> Names { get; }

    ValueTask<Doc> ExecuteAsync(CommandContext context);
}
