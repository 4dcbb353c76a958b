using Cdc.Sandbox.MongoDb.ChangeStreams;
using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// <c>{aggregate: 1, pipeline: [{$currentOp: {…}}, …]}</c> on admin, as mongod reports what it is doing: the running
/// aggregate itself and every getMore in progress as active operations (<c>type: "op"</c>), and with
/// <c>idleCursors: true</c> every other open cursor (<c>type: "idleCursor"</c>). Each cursor's <c>cursor</c> document
/// carries <c>originatingCommand</c>, the find/aggregate exactly as the server received it (collation, comment, $db,
/// lsid …), which is how a test on a real server sees what a driver sent. Idle connections and sessions are not
/// reported (the sandbox keeps no such records); the options are accepted.
/// </summary>
internal static class CurrentOpStage
{
    public const string Name = "$currentOp";

    private static readonly string[] Options = ["allUsers", "idleConnections", "idleCursors", "idleSessions", "localOps", "backtrace", "truncateOps", "targetAllNodes"];

    public static List<Doc> Run(CommandContext context, Doc stage)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stage);
        var target = context.Command.Fields[0].Value;
        if (context.Database != "admin" || !target.IsNumber || target.ToDouble() != 1)
        {
            throw new CommandException(ErrorCodes.InvalidNamespace, "$currentOp must be run against the 'admin' database with {aggregate: 1}");
        }

        var argument = stage.Fields[0].Value;
        if (!argument.IsDocument)
        {
            throw new CommandException(ErrorCodes.FailedToParse, $"$currentOp options must be specified in an object, but found: {CommandArguments.TypeName(argument)}");
        }

        var idleCursors = false;
        foreach (var (name, value) in argument.Document.Fields)
        {
            if (!Options.Contains(name))
            {
                throw new CommandException(ErrorCodes.FailedToParse, $"Unrecognized option '{name}' in $currentOp stage.");
            }

            if (value.Type != BsonType.Boolean)
            {
                throw new CommandException(ErrorCodes.FailedToParse, $"The '{name}' parameter of the $currentOp stage must be a boolean value, but found: {CommandArguments.TypeName(value)}");
            }

            idleCursors |= name == "idleCursors" && value.Boolean;
        }

        var host = context.Server.Identity.Host;
        var operations = new List<Doc>
        {
            ActiveOperation(host, context.ConnectionId, "command", "admin.$cmd.aggregate", context.Command.Clone()),
        };
        foreach (var open in context.Server.Cursors.Snapshot())
        {
            if (open.RunningGetMore is { } getMore)
            {
                operations.Add(ActiveOperation(host, open.RunningOnConnection, "getmore", open.Cursor.Namespace, getMore.Clone())
                    .Add("cursor", CursorDocument(open)));
            }
            else if (idleCursors)
            {
                var idle = new Doc().Add("type", "idleCursor").Add("host", host).Add("ns", open.Cursor.Namespace);
                if (open.OriginatingCommand["lsid"] is { IsDocument: true } lsid)
                {
                    idle.Add("lsid", lsid.Clone());
                }

                operations.Add(idle.Add("cursor", CursorDocument(open)));
            }
        }

        return operations;
    }

    private static Doc ActiveOperation(string host, int connectionId, string op, string ns, Doc command)
    {
        var operation = new Doc()
            .Add("type", "op")
            .Add("host", host)
            .Add("desc", $"conn{connectionId}")
            .Add("connectionId", connectionId)
            .Add("active", true)
            .Add("op", op)
            .Add("ns", ns)
            .Add("command", command);
        if (command["lsid"] is { IsDocument: true } lsid)
        {
            operation.Add("lsid", lsid.Clone());
        }

        return operation;
    }

    /// <summary>The cursor sub-document mongod reports for idle cursors and for the cursor of a running getMore.</summary>
    private static Doc CursorDocument(OpenCursor open)
    {
        var tailable = open.Cursor is ChangeStreamCursor;
        return new Doc()
            .Add("cursorId", open.Cursor.Id)
            .Add("createdDate", DocValue.FromDateTime(open.CreatedDate.ToUnixTimeMilliseconds()))
            .Add("lastAccessDate", DocValue.FromDateTime(open.LastAccessDate.ToUnixTimeMilliseconds()))
            .Add("nDocsReturned", open.DocumentsReturned)
            .Add("nBatchesReturned", open.BatchesReturned)
            .Add("noCursorTimeout", false)
            .Add("tailable", tailable)
            .Add("awaitData", tailable)
            .Add("originatingCommand", open.OriginatingCommand.Clone());
    }
}
