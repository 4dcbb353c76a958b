using Cdc.Sandbox.MongoDb.ChangeStreams;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// Where aggregate hands over a pipeline whose first stage is $changeStream: the stage's options and later stages
/// become an awaitable <see cref="ChangeStreamCursor"/> over the oplog, answered like any cursor (firstBatch, then getMore).
/// </summary>
internal static class ChangeStreamStage
{
    public const string Name = "$changeStream";

    private const int DefaultFirstBatch = 101;

    public static ValueTask<Doc> OpenAsync(CommandContext context, Doc stage, IReadOnlyList<DocValue> laterStages)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(laterStages);
        var spec = ChangeStreamSpecParser.Parse(context, stage);
        var pipeline = new ChangeStreamPipeline(laterStages);
        var batchSize = CursorReply.BatchSize(CommandArguments.OptionalDocument(context.Command, "cursor"), "batchSize", DefaultFirstBatch);
        var cursor = new ChangeStreamCursor(context.Server.Cursors.NewId(), spec, context.Catalog, pipeline);
        return CursorReply.FirstBatchAsync(context, cursor, batchSize);
    }
}
