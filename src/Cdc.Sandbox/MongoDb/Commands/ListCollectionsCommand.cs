using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>listCollections: the server's entry shape (options, info.uuid, idIndex), filter, nameOnly, and a cursor.</summary>
internal sealed class ListCollectionsCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["listCollections"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var nameOnly = CommandArguments.OptionalBoolean(context.Command, "nameOnly", false);
        var filter = CommandArguments.OptionalDocument(context.Command, "filter") ?? new Doc();
        var cursorOptions = CommandArguments.OptionalDocument(context.Command, "cursor");
        var batchSize = CursorReply.BatchSize(cursorOptions, "batchSize", int.MaxValue);
        FilterMatcher.Validate(filter);
        var entries = new List<byte[]>();
        using (context.Catalog.EnterLock())
        {
            foreach (var collection in context.Catalog.Collections(context.Database))
            {
                var full = new Doc()
                    .Add("name", collection.Name)
                    .Add("type", "collection")
                    .Add("options", collection.Options.Clone())
                    .Add("info", new Doc().Add("readOnly", false).Add("uuid", DocValue.FromBinary(Schemas.Bson.BsonBinarySubtypes.Uuid, collection.Uuid.ToByteArray(bigEndian: true))))
                    .Add("idIndex", new Doc().Add("v", 2).Add("key", new Doc().Add("_id", 1)).Add("name", "_id_"));
                if (FilterMatcher.Matches(full, filter))
                {
                    entries.Add(DocCodec.Write(nameOnly ? new Doc().Add("name", collection.Name).Add("type", "collection") : full));
                }
            }
        }

        var cursor = new DocumentListCursor(context.Server.Cursors.NewId(), $"{context.Database}.$cmd.listCollections", entries);
        return CursorReply.FirstBatchAsync(context, cursor, batchSize);
    }
}
