using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// dropIndexes: by name, key pattern, list of names, or "*" (every index but _id_); each dropped index is one
/// dropIndexes oplog entry. Everything named is resolved before anything is dropped, so a bad name drops nothing.
/// </summary>
internal sealed class DropIndexesCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["dropIndexes", "deleteIndexes"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        var target = context.Command["index"] ?? throw new CommandException(ErrorCodes.FailedToParse, "BSON field 'dropIndexes.index' is missing but a required field");
        int before;
        using (context.Catalog.EnterLock())
        {
            var store = context.Catalog.Find(context.Database, name)
                ?? throw new CommandException(ErrorCodes.NamespaceNotFound, $"ns not found {context.Database}.{name}");
            before = store.Indexes.Count + 1;
            foreach (var spec in Resolve(store, target))
            {
                context.Catalog.DropIndex(store, spec, context.Session);
            }
        }

        return ValueTask.FromResult(new Doc().Add("nIndexesWas", before));
    }

    private static List<Doc> Resolve(CollectionStore store, DocValue target)
    {
        if (target.Type == BsonType.String && target.String == "*")
        {
            return [.. store.Indexes];
        }

        if (target.Type == BsonType.String)
        {
            return [ByName(store, target.String)];
        }

        if (target.IsDocument)
        {
            if (DocComparer.Instance.Equals(target, IndexSpecs.IdIndex()["key"]))
            {
                throw new CommandException(ErrorCodes.InvalidOptions, "cannot drop _id index");
            }

            var byKey = store.Indexes.FindAll(spec => DocComparer.Instance.Equals(spec["key"], target));
            return byKey.Count switch
            {
                1 => byKey,
                0 => throw new CommandException(ErrorCodes.IndexNotFound, $"can't find index with key: {target.Document}"),
                _ => throw new CommandException(ErrorCodes.AmbiguousIndexKeyPattern, $"{byKey.Count} indexes found for key: {target.Document}, identify by name instead"),
            };
        }

        if (target.IsArray)
        {
            var specs = new List<Doc>(target.Array.Count);
            foreach (var item in target.Array)
            {
                if (item.Type != BsonType.String)
                {
                    throw new CommandException(ErrorCodes.TypeMismatch, $"dropIndexes 'index' array may contain only index names, not '{CommandArguments.TypeName(item)}'");
                }

                var spec = ByName(store, item.String);
                if (!specs.Contains(spec))
                {
                    specs.Add(spec);
                }
            }

            return specs;
        }

        throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field 'dropIndexes.index' is the wrong type '{CommandArguments.TypeName(target)}', expected a string, an object or an array of strings");
    }

    private static Doc ByName(CollectionStore store, string name)
    {
        if (name == IndexSpecs.IdIndexName)
        {
            throw new CommandException(ErrorCodes.InvalidOptions, "cannot drop _id index");
        }

        return store.Indexes.Find(spec => IndexSpecs.NameOf(spec) == name)
            ?? throw new CommandException(ErrorCodes.IndexNotFound, $"index not found with name [{name}]");
    }
}
