using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>killCursors: closes cursors, reporting which ids were killed and which were not found.</summary>
internal sealed class KillCursorsCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["killCursors"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        // Database and cluster change streams name their cursors "<db>.$cmd.aggregate", and drivers kill them so.
        if (context.Command.Fields[0].Value is not { Type: Schemas.Bson.BsonType.String, String: "$cmd.aggregate" })
        {
            context.CollectionArgument();
        }

        var killed = new List<DocValue>();
        var notFound = new List<DocValue>();
        foreach (var id in CommandArguments.RequireArray(context.Command, "cursors"))
        {
            var value = CommandArguments.AsInteger(id, "cursors");
            (context.Server.Cursors.Remove(value) ? killed : notFound).Add(DocValue.FromInt64(value));
        }

        return ValueTask.FromResult(new Doc()
            .Add("cursorsKilled", DocValue.FromArray(killed))
            .Add("cursorsNotFound", DocValue.FromArray(notFound))
            .Add("cursorsAlive", DocValue.FromArray([]))
            .Add("cursorsUnknown", DocValue.FromArray([])));
    }
}
