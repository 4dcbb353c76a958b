using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// Routes a command body to its handler by the name of its first field, and wraps every reply as a replica-set member
/// does: ok, then $clusterTime (with a zero signature: the sandbox has no auth keys) and operationTime.
/// </summary>
internal sealed class CommandDispatcher
{
    private static readonly byte[] ZeroSignature = new byte[20];

    private readonly Dictionary<string, ICommandHandler> _handlers = new(StringComparer.Ordinal);
    private readonly ServerState _server;

    public CommandDispatcher(ServerState server, IEnumerable<ICommandHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _server = server;
        foreach (var handler in handlers)
        {
            foreach (var name in handler.Names)
            {
                _handlers.Add(name, handler);
            }
        }
    }

    public static CommandDispatcher CreateDefault(ServerState server) => new(server, CommandCatalog.All());

    /// <summary>Runs one command; legacyDatabase is the database of an OP_QUERY's "db.$cmd" (null for OP_MSG, where $db names it).</summary>
    public async ValueTask<Doc> ExecuteAsync(Doc command, string? legacyDatabase, int connectionId, CancellationToken cancellationToken)
    {
        Doc reply;
        try
        {
            reply = await DispatchAsync(command, legacyDatabase, connectionId, cancellationToken).ConfigureAwait(false);
            if (!reply.Contains("ok"))
            {
                reply.Add("ok", 1.0);
            }
        }
        catch (CommandException error)
        {
            reply = error.ToReply();
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            // A sandbox bug answers this one command with InternalError (code 1), like a server assertion, and the
            // connection stays usable.
            reply = new CommandException(ErrorCodes.InternalError, $"cdc sandbox internal error in '{CommandName(command)}': {error.GetType().Name}: {error.Message}").ToReply();
        }

        reply.Add("$clusterTime", ClusterTimeDocument(_server.Catalog.OperationTime));
        reply.Add("operationTime", DocValue.FromTimestamp(_server.Catalog.OperationTime));
        return reply;
    }

    private static string CommandName(Doc command) => command.Count > 0 ? command.Fields[0].Key : "(empty)";

    private ValueTask<Doc> DispatchAsync(Doc command, string? legacyDatabase, int connectionId, CancellationToken cancellationToken)
    {
        if (command.Count == 0)
        {
            throw new CommandException(ErrorCodes.FailedToParse, "Empty command object: a command's first field names it");
        }

        var name = command.Fields[0].Key;
        string database;
        if (legacyDatabase is not null)
        {
            database = legacyDatabase;
        }
        else
        {
            var db = command["$db"];
            if (db is null || db.Type != BsonType.String)
            {
                throw new CommandException(40571, "OP_MSG requests require a $db argument of type string");
            }

            database = db.String;
        }

        NamespaceRules.ValidateDatabase(database);
        if (!_handlers.TryGetValue(name, out var handler))
        {
            throw new CommandException(ErrorCodes.CommandNotFound, $"no such command: '{name}' (the cdc sandbox does not emulate it; see docs/sandbox.md)");
        }

        var context = new CommandContext(name, command, database, SessionOf(command), connectionId, legacyDatabase is not null, _server, cancellationToken);
        return handler.ExecuteAsync(context);
    }

    private static SessionInfo SessionOf(Doc command)
    {
        var lsid = command["lsid"];
        var txnNumber = command["txnNumber"];
        if (lsid is null && txnNumber is null)
        {
            return SessionInfo.None;
        }

        if (lsid is not null && !lsid.IsDocument)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field 'lsid' is the wrong type '{CommandArguments.TypeName(lsid)}', expected type 'object'");
        }

        return new SessionInfo(
            lsid is null ? null : DocCodec.Write(lsid.Document),
            txnNumber is null ? null : CommandArguments.AsInteger(txnNumber, "txnNumber"));
    }

    private static Doc ClusterTimeDocument(BsonTimestamp time) => new Doc()
        .Add("clusterTime", DocValue.FromTimestamp(time))
        .Add("signature", new Doc().Add("hash", DocValue.FromBinary(0, ZeroSignature)).Add("keyId", 0L));
}
