using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// Where aggregate hands over a pipeline whose first stage is $changeStream. The change stream cursor (an awaitable
/// <see cref="Cursors.IServerCursor"/> reading <see cref="Storage.Oplog"/> from a resume point) plugs in here; until
/// then the stage is refused clearly instead of being treated as an ordinary aggregation.
/// </summary>
internal static class ChangeStreamStage
{
    public const string Name = "$changeStream";

    public static ValueTask<Doc> OpenAsync(CommandContext context, Doc stage, IReadOnlyList<DocValue> laterStages)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(laterStages);
        throw CommandException.NotEmulated(ErrorCodes.CommandNotSupported, "$changeStream (not yet: change streams arrive in the next sandbox step)");
    }
}
