using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>listIndexes: the _id index then the created ones, in a cursor as the server returns them.</summary>
internal sealed class ListIndexesCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["listIndexes"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        var cursorOptions = CommandArguments.OptionalDocument(context.Command, "cursor");
        var batchSize = CursorReply.BatchSize(cursorOptions, "batchSize", int.MaxValue);
        var entries = new List<byte[]>();
        using (context.Catalog.EnterLock())
        {
            var store = context.Catalog.Find(context.Database, name)
                ?? throw new CommandException(ErrorCodes.NamespaceNotFound, $"ns does not exist: {context.Database}.{name}");
            entries.Add(DocCodec.Write(IndexSpecs.IdIndex()));
            foreach (var spec in store.Indexes)
            {
                entries.Add(DocCodec.Write(spec));
            }
        }

        var cursor = new DocumentListCursor(context.Server.Cursors.NewId(), $"{context.Database}.{name}", entries);
        return CursorReply.FirstBatchAsync(context, cursor, batchSize);
    }
}
