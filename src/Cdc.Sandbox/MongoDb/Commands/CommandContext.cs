using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>One command being executed: its body, target database, session, and the server it runs on.</summary>
internal sealed record CommandContext(
    string Name,
    Doc Command,
    string Database,
    SessionInfo Session,
    int ConnectionId,
    bool IsLegacyHandshake,
    ServerState Server,
    CancellationToken CancellationToken)
{
    public Catalog Catalog => Server.Catalog;

    /// <summary>The command's first field as a collection name (insert: "coll", find: "coll", …).</summary>
    public string CollectionArgument()
    {
        var value = Command.Fields[0].Value;
        if (value.Type != Schemas.Bson.BsonType.String)
        {
            throw new CommandException(ErrorCodes.InvalidNamespace, $"collection name has invalid type {CommandArguments.TypeName(value)}");
        }

        NamespaceRules.ValidateCollection(Database, value.String);
        return value.String;
    }
}
