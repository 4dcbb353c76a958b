using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>insert: ordered (stop at the first error) or unordered; a missing _id gets an ObjectId put first, as the server does.</summary>
internal sealed class InsertCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["insert"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var name = context.CollectionArgument();
        var documents = WriteBatch.Statements(context.Command, "documents");
        var ordered = CommandArguments.OptionalBoolean(context.Command, "ordered", true);
        var errors = new WriteErrors();
        var inserted = 0;
        using (context.Catalog.EnterLock())
        {
            var store = context.Catalog.GetOrCreate(context.Database, name, context.Session);
            for (var i = 0; i < documents.Count; i++)
            {
                var document = documents[i].Clone();
                if (!document.Contains("_id"))
                {
                    document.Insert(0, "_id", DocValue.FromObjectId(ObjectIdGenerator.Next()));
                }

                try
                {
                    Validate(document);
                    context.Catalog.Insert(store, document, context.Session);
                    inserted++;
                }
                catch (CommandException error)
                {
                    errors.Add(i, error, error.Code == ErrorCodes.DuplicateKey ? CollectionStore.IdOf(document) : null);
                    if (ordered)
                    {
                        break;
                    }
                }
            }
        }

        var reply = new Doc().Add("n", inserted);
        errors.AppendTo(reply);
        return ValueTask.FromResult(reply);
    }

    private static void Validate(Doc document)
    {
        var id = document["_id"]!;
        if (id.IsArray || id.Type is Schemas.Bson.BsonType.RegularExpression or Schemas.Bson.BsonType.Undefined)
        {
            throw new CommandException(ErrorCodes.InvalidIdField, $"The '_id' value cannot be of type {CommandArguments.TypeName(id)}");
        }

        foreach (var field in document.Fields)
        {
            if (field.Key.StartsWith('$'))
            {
                throw new CommandException(ErrorCodes.BadValue, $"Document can't have $ prefixed field names: {field.Key}");
            }
        }
    }
}
