using System.Collections.Concurrent;
using Cdc.Sandbox.MongoDb.ChangeStreams;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.FailPoints;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Sandbox.MongoDb.Transactions;
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

    /// <summary>Each connection's client.application.name from its handshake, which failCommand's appName filters on.</summary>
    private readonly ConcurrentDictionary<int, string> _appNames = new();

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
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException and not ConnectionCloseRequestedException)
        {
            // A sandbox bug answers this one command with InternalError (code 1), like a server assertion, and the
            // connection stays usable.
            reply = new CommandException(ErrorCodes.InternalError, $"cdc sandbox internal error in '{CommandName(command)}': {error.GetType().Name}: {error.Message}").ToReply();
        }

        reply.Add("$clusterTime", ClusterTimeDocument(_server.Catalog.OperationTime));
        reply.Add("operationTime", DocValue.FromTimestamp(_server.Catalog.OperationTime));
        return reply;
    }

    /// <summary>Forgets what was learned from a connection's handshake once it is closed.</summary>
    public void ForgetConnection(int connectionId)
    {
        _appNames.TryRemove(connectionId, out _);
        _server.Security.ForgetConnection(connectionId);
    }

    private static string CommandName(Doc command) => command.Count > 0 ? command.Fields[0].Key : "(empty)";

    private async ValueTask<Doc> DispatchAsync(Doc command, string? legacyDatabase, int connectionId, CancellationToken cancellationToken)
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

        // $external is the virtual database of X.509 users: only authentication and user commands may name it.
        if (database != Security.X509Authentication.ExternalDatabase
            || name is not ("authenticate" or "saslStart" or "saslContinue" or "logout" or "createUser" or "dropUser" or "updateUser"
                or "grantRolesToUser" or "revokeRolesFromUser" or "usersInfo"))
        {
            NamespaceRules.ValidateDatabase(database);
        }

        if (!_handlers.TryGetValue(name, out var handler))
        {
            throw new CommandException(ErrorCodes.CommandNotFound, $"no such command: '{name}' (the cdc sandbox does not emulate it; see docs/sandbox.md)");
        }

        var context = new CommandContext(name, command, database, SessionOf(command), connectionId, legacyDatabase is not null, _server, cancellationToken);
        if (name is "hello" or "isMaster" or "ismaster")
        {
            RememberApplicationName(command, connectionId);
        }

        // Authorization comes first, as on mongod: an unauthorized command neither trips a fail point nor runs.
        CommandAuthorization.Check(context);

        var failure = _server.FailPoints.EvaluateFailCommand(name, _appNames.TryGetValue(connectionId, out var appName) ? appName : null);
        if (failure is not null)
        {
            await ApplyFailCommandAsync(failure, context).ConfigureAwait(false);
        }

        if (!_server.Replication.IsWritablePrimary)
        {
            RefuseWhileSecondary(context);
        }

        if (name == "getMore")
        {
            ThrowIfInterruptedByStepDown(command);
            FailGetMoreAfterCursorCheckout(command);
        }

        var transaction = TransactionOf(context);
        Doc reply;
        if (transaction is null)
        {
            reply = context.Name is "insert" or "update" or "delete" && IsRetryableWrite(context) && context.Session.Lsid is not null
                ? await ExecuteRetryableWriteAsync(handler, context).ConfigureAwait(false)
                : await handler.ExecuteAsync(context).ConfigureAwait(false);
        }
        else
        {
            // The catalog holds this statement's oplog entries in the transaction until commit (flows with the call).
            _server.Catalog.CurrentTransaction = transaction.Writes;
            try
            {
                reply = await handler.ExecuteAsync(context).ConfigureAwait(false);
            }
            catch (CommandException)
            {
                // As on a server, a statement that fails aborts its transaction; later statements get NoSuchTransaction.
                _server.Catalog.CurrentTransaction = null;
                _server.Transactions.Abort(context.Session);
                throw;
            }
            finally
            {
                _server.Catalog.CurrentTransaction = null;
            }

            if (reply.Contains("writeErrors"))
            {
                _server.Transactions.Abort(context.Session);
            }
        }

        if (_server.Security.RequireAuthentication)
        {
            TrackCursorOwner(context, reply);
        }

        if (failure?.WriteConcernError is { } writeConcernError)
        {
            reply.Add("writeConcernError", writeConcernError.Clone());
        }

        return reply;
    }

    /// <summary>
    /// failCommand as mongod applies it before the command runs: closeConnection drops the socket without a reply;
    /// blockConnection waits blockTimeMS first; errorCode then fails the command with the configured errorLabels, or
    /// with the label mongod would compute (RetryableWriteError for a retryable write failing with a retryable code).
    /// Without errorCode the command runs, and writeConcernError (if any) is added to its reply.
    /// </summary>
    private static async ValueTask ApplyFailCommandAsync(FailCommandSettings failure, CommandContext context)
    {
        if (failure.CloseConnection)
        {
            throw new ConnectionCloseRequestedException();
        }

        if (failure.BlockConnection && failure.BlockTimeMilliseconds > 0)
        {
            await Task.Delay(failure.BlockTimeMilliseconds, context.CancellationToken).ConfigureAwait(false);
        }

        if (failure.ErrorCode is { } code)
        {
            throw new CommandException(code, "Failing command via 'failCommand' failpoint")
            {
                ErrorLabels = failure.ErrorLabels ?? (IsRetryableWrite(context) && ErrorCodes.IsRetryable(code) ? [RetryableWriteErrorLabel] : []),
            };
        }
    }

    private const string RetryableWriteErrorLabel = "RetryableWriteError";

    /// <summary>A write carrying a txnNumber outside a multi-document transaction is a retryable write.</summary>
    private static bool IsRetryableWrite(CommandContext context) =>
        context.Name is "insert" or "update" or "delete" or "findAndModify" or "commitTransaction" or "abortTransaction"
        && context.Command.Contains("txnNumber")
        && (context.Name is "commitTransaction" or "abortTransaction" || !context.Command.Contains("autocommit"));

    /// <summary>
    /// failGetMoreAfterCursorCheckout: the getMore finds its cursor, then fails; as in mongod an error during getMore
    /// kills the checked-out cursor, so a later getMore gets CursorNotFound. A change stream's failure with a resumable
    /// code carries ResumableChangeStreamError, which makes drivers resume. An unknown cursor id is left to getMore
    /// itself (CursorNotFound) and does not use up the fail point.
    /// </summary>
    private void FailGetMoreAfterCursorCheckout(Doc command)
    {
        var id = command["getMore"];
        if (id is null || id.Type != BsonType.Int64 || !_server.Cursors.TryGet(id.Int64, out var cursor))
        {
            return;
        }

        if (_server.FailPoints.EvaluateFailGetMore() is not { } code)
        {
            return;
        }

        _server.Cursors.Remove(id.Int64);
        throw new CommandException(code, "Failing getMore via 'failGetMoreAfterCursorCheckout' failpoint")
        {
            ErrorLabels = cursor is ChangeStreamCursor && ErrorCodes.IsRetryable(code) ? ["ResumableChangeStreamError"] : [],
        };
    }

    /// <summary>
    /// What a secondary answers: writes fail with NotWritablePrimary (labelled RetryableWriteError for a retryable
    /// write), reads without a secondary read preference with NotPrimaryNoSecondaryOk.
    /// </summary>
    private static void RefuseWhileSecondary(CommandContext context)
    {
        switch (context.Name)
        {
            case "insert" or "update" or "delete" or "findAndModify" or "create" or "collMod" or "drop" or "dropDatabase"
                or "renameCollection" or "createIndexes" or "dropIndexes" or "commitTransaction" or "abortTransaction":
                throw new CommandException(ErrorCodes.NotWritablePrimary, "not primary")
                {
                    ErrorLabels = IsRetryableWrite(context) ? [RetryableWriteErrorLabel] : [],
                };

            case "find" or "aggregate" or "count" or "distinct" or "listCollections" or "listIndexes" when !AllowsSecondary(context.Command):
                throw new CommandException(ErrorCodes.NotPrimaryNoSecondaryOk, "not primary and secondaryOk=false");

            default:
                break;
        }
    }

    /// <summary>A cursor open at a step-down answers its next getMore (then or after re-election) with 11602 once.</summary>
    private void ThrowIfInterruptedByStepDown(Doc command)
    {
        if (command["getMore"] is { Type: BsonType.Int64 } id && _server.Replication.TryTakeInterrupted(id.Int64, out var isChangeStream))
        {
            throw new CommandException(ErrorCodes.InterruptedDueToReplStateChange, "operation was interrupted because of a replica set state change (cursor killed by replSetStepDown)")
            {
                ErrorLabels = isChangeStream ? ["ResumableChangeStreamError"] : [],
            };
        }
    }

    private static bool AllowsSecondary(Doc command) =>
        command["$readPreference"] is { IsDocument: true } preference
        && preference.Document["mode"] is { Type: BsonType.String } mode
        && mode.String != "primary";

    /// <summary>
    /// The transaction a statement with autocommit: false runs in (null for an ordinary command, and for
    /// commitTransaction/abortTransaction, which end one). Only CRUD statements and reads may run inside one.
    /// </summary>
    private SessionTransaction? TransactionOf(CommandContext context)
    {
        var autocommit = context.Command["autocommit"];
        if (autocommit is null || context.Name is "commitTransaction" or "abortTransaction")
        {
            return null;
        }

        if (autocommit.Type != BsonType.Boolean || autocommit.Boolean)
        {
            throw new CommandException(ErrorCodes.InvalidOptions, "autocommit must be false when given: it marks a statement of a multi-document transaction");
        }

        if (context.Session.Lsid is null || context.Session.TxnNumber is null)
        {
            throw new CommandException(ErrorCodes.InvalidOptions, "a transaction statement (autocommit: false) needs lsid and txnNumber");
        }

        if (context.Name is not ("find" or "insert" or "update" or "delete" or "getMore" or "killCursors" or "count" or "distinct" or "aggregate"))
        {
            throw new CommandException(ErrorCodes.OperationNotSupportedInTransaction, $"Cannot run '{context.Name}' in a multi-document transaction (the cdc sandbox runs CRUD statements and reads in transactions).");
        }

        return _server.Transactions.ForStatement(context.Session, CommandArguments.OptionalBoolean(context.Command, "startTransaction", false));
    }

    /// <summary>Runs a retryable write once per (lsid, txnNumber); a retry gets the first reply back.</summary>
    private async ValueTask<Doc> ExecuteRetryableWriteAsync(ICommandHandler handler, CommandContext context)
    {
        if (_server.RetryableWrites.Begin(context.Session) is { } earlier)
        {
            return earlier;
        }

        Doc reply;
        try
        {
            reply = await handler.ExecuteAsync(context).ConfigureAwait(false);
        }
        catch
        {
            _server.RetryableWrites.Forget(context.Session);
            throw;
        }

        _server.RetryableWrites.Complete(context.Session, reply);
        return reply;
    }

    /// <summary>
    /// Remembers who opened each cursor a reply returns, so only they may getMore or kill it; forgets a cursor once a
    /// getMore exhausts it or killCursors closes it.
    /// </summary>
    private void TrackCursorOwner(CommandContext context, Doc reply)
    {
        if (context.Name == "killCursors")
        {
            foreach (var id in CommandAuthorization.CursorIds(context))
            {
                _server.Security.ForgetCursor(id);
            }

            return;
        }

        if (reply["cursor"] is not { IsDocument: true } cursor || cursor.Document["id"] is not { Type: BsonType.Int64 } cursorId)
        {
            return;
        }

        if (context.Name == "getMore")
        {
            if (cursorId.Int64 == 0 && context.Command["getMore"] is { Type: BsonType.Int64 } finished)
            {
                _server.Security.ForgetCursor(finished.Int64);
            }
        }
        else if (cursorId.Int64 != 0)
        {
            _server.Security.RecordCursorOwner(cursorId.Int64, context.ConnectionId);
        }
    }

    private void RememberApplicationName(Doc command, int connectionId)
    {
        var client = command["client"];
        if (client is not null && client.IsDocument
            && client.Document["application"] is { IsDocument: true } application
            && application.Document["name"] is { Type: BsonType.String } appName)
        {
            _appNames[connectionId] = appName.String;
        }
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
