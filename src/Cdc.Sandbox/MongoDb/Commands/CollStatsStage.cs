using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// <c>$collStats</c> (first stage only) with <c>count: {}</c> and <c>storageStats: {scale?}</c>: one document
/// <c>{ns, host, localTime, storageStats?, count?}</c> shaped as mongod's, from the collection's running totals, so it
/// is O(1). <c>size</c> is the sum of the documents' BSON sizes and <c>avgObjSize</c> its integer mean; there is no
/// storage engine, so <c>storageSize</c> equals <c>size</c> (nothing is compressed or preallocated),
/// <c>freeStorageSize</c> is 0 and indexes (the <c>_id</c> index plus the metadata-only secondary ones, all counted by
/// <c>nindexes</c>) take no space. A missing collection fails 26 NamespaceNotFound, as on a server.
/// <c>latencyStats</c> and <c>queryExecStats</c> are not emulated.
/// </summary>
internal static class CollStatsStage
{
    public const string Name = "$collStats";

    public static List<Doc> Run(CommandContext context, string collection, Doc stage)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stage);
        var argument = stage.Fields[0].Value;
        if (!argument.IsDocument)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '$collStats' is the wrong type '{CommandArguments.TypeName(argument)}', expected type 'object'");
        }

        long? scale = null;
        var count = false;
        foreach (var (name, value) in argument.Document.Fields)
        {
            switch (name)
            {
                case "storageStats":
                    scale = Scale(Options(name, value));
                    break;
                case "count":
                    Options(name, value);
                    count = true;
                    break;
                case "latencyStats" or "queryExecStats":
                    throw CommandException.NotEmulated(ErrorCodes.BadValue, $"$collStats option '{name}'");
                default:
                    throw new CommandException(40415, $"BSON field '$collStats.{name}' is an unknown field.");
            }
        }

        var ns = $"{context.Database}.{collection}";
        var result = new Doc()
            .Add("ns", ns)
            .Add("host", context.Server.Identity.Host)
            .Add("localTime", DocValue.FromDateTime(context.Server.Options.Time.GetUtcNow().ToUnixTimeMilliseconds()));
        using (context.Catalog.EnterLock())
        {
            var store = context.Catalog.Find(context.Database, collection);
            if (scale is { } factor)
            {
                result.Add("storageStats", StorageStats(store ?? throw NotFound("storageStats", ns), factor));
            }

            if (count)
            {
                result.Add("count", DocValue.FromCount((store ?? throw NotFound("count", ns)).Count));
            }
        }

        return [result];
    }

    private static Doc StorageStats(CollectionStore store, long scale)
    {
        var size = store.TotalBytes;
        var stats = new Doc().Add("size", DocValue.FromCount(size / scale)).Add("count", DocValue.FromCount(store.Count));
        if (store.Count > 0)
        {
            stats.Add("avgObjSize", (int)(size / store.Count));
        }

        var indexSizes = new Doc().Add("_id_", 0);
        foreach (var index in store.Indexes)
        {
            indexSizes.Add(index["name"]!.String, 0);
        }

        return stats
            .Add("numOrphanDocs", 0)
            .Add("storageSize", DocValue.FromCount(size / scale))
            .Add("freeStorageSize", 0)
            .Add("capped", false)
            .Add("nindexes", 1 + store.Indexes.Count)
            .Add("indexDetails", new Doc())
            .Add("indexBuilds", DocValue.FromArray([]))
            .Add("totalIndexSize", 0)
            .Add("indexSizes", indexSizes)
            .Add("totalSize", DocValue.FromCount(size / scale))
            .Add("scaleFactor", DocValue.FromCount(scale));
    }

    private static Doc Options(string name, DocValue value) => value.IsDocument
        ? value.Document
        : throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '$collStats.{name}' is the wrong type '{CommandArguments.TypeName(value)}', expected type 'object'");

    /// <summary>storageStats' options: scale (≥ 1; a fraction is cut to its integer part), and flags that change nothing here.</summary>
    private static long Scale(Doc options)
    {
        long scale = 1;
        foreach (var (name, value) in options.Fields)
        {
            switch (name)
            {
                case "scale":
                    if (!value.IsNumber)
                    {
                        throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '$collStats.storageStats.scale' is the wrong type '{CommandArguments.TypeName(value)}', expected types '[long, int, decimal, double]'");
                    }

                    var number = Math.Truncate(value.ToDouble());
                    if (!(number >= 1))
                    {
                        throw new CommandException(51024, $"BSON field 'scale' value must be >= 1, actual value '{number}'");
                    }

                    scale = number >= long.MaxValue ? long.MaxValue : (long)number;
                    break;
                case "verbose" or "waitForLock" or "numericOnly":
                    if (value.Type != BsonType.Boolean)
                    {
                        throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '$collStats.storageStats.{name}' is the wrong type '{CommandArguments.TypeName(value)}', expected type 'bool'");
                    }

                    break;
                default:
                    throw new CommandException(40415, $"BSON field '$collStats.storageStats.{name}' is an unknown field.");
            }
        }

        return scale;
    }

    private static CommandException NotFound(string what, string ns) =>
        new(ErrorCodes.NamespaceNotFound, $"Unable to retrieve {what} in $collStats stage :: caused by :: Collection [{ns}] not found.");
}
