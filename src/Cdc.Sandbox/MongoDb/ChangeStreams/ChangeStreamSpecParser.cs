using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>
/// Reads a $changeStream stage's options and resolves where the stream starts: now, after a resume token
/// (resumeAfter/startAfter) or at an operation time, failing with the server's codes when the point is malformed (260),
/// no longer in the oplog window (286) or never existed here (280).
/// </summary>
internal static class ChangeStreamSpecParser
{
    public static ChangeStreamSpec Parse(CommandContext context, Doc stage)
    {
        var options = stage.Fields[0].Value.IsDocument
            ? stage.Fields[0].Value.Document
            : throw new CommandException(50808, "$changeStream stage expects a document as argument");
        var fullDocument = FullDocumentMode.Default;
        var beforeChange = PreImageMode.Off;
        var expanded = false;
        var allChangesForCluster = false;
        var resumeOptions = 0;
        var (resumeFragment, resumeFragmentCount) = (0, 0);
        Func<Oplog, string?, long> start = (oplog, _) => oplog.NextSequence;
        foreach (var (name, value) in options.Fields)
        {
            switch (name)
            {
                case "fullDocument":
                    fullDocument = StringOption(name, value) switch
                    {
                        "default" => FullDocumentMode.Default,
                        "updateLookup" => FullDocumentMode.UpdateLookup,
                        "whenAvailable" => FullDocumentMode.WhenAvailable,
                        "required" => FullDocumentMode.Required,
                        var other => throw new CommandException(ErrorCodes.BadValue, $"'{other}' is not a valid $changeStream fullDocument (default, updateLookup, whenAvailable, required)"),
                    };
                    break;
                case "fullDocumentBeforeChange":
                    beforeChange = StringOption(name, value) switch
                    {
                        "off" => PreImageMode.Off,
                        "whenAvailable" => PreImageMode.WhenAvailable,
                        "required" => PreImageMode.Required,
                        var other => throw new CommandException(ErrorCodes.BadValue, $"'{other}' is not a valid $changeStream fullDocumentBeforeChange (off, whenAvailable, required)"),
                    };
                    break;
                case "showExpandedEvents":
                    expanded = BooleanOption(name, value);
                    break;
                case "allChangesForCluster":
                    allChangesForCluster = BooleanOption(name, value);
                    break;
                case "resumeAfter":
                    resumeOptions++;
                    var after = Token(value);
                    if (after.Kind == ResumeTokenKind.Invalidate)
                    {
                        throw new CommandException(ErrorCodes.InvalidResumeToken, "Attempting to resume a change stream using 'resumeAfter' is not allowed from an invalidate notification.");
                    }

                    (resumeFragment, resumeFragmentCount) = (after.Fragment, after.FragmentCount);
                    start = (oplog, collection) => Resume(oplog, after, context.Database, collection, allChangesForCluster);
                    break;
                case "startAfter":
                    resumeOptions++;
                    var startAfter = Token(value);
                    (resumeFragment, resumeFragmentCount) = (startAfter.Fragment, startAfter.FragmentCount);
                    start = (oplog, collection) => Resume(oplog, startAfter, context.Database, collection, allChangesForCluster);
                    break;
                case "startAtOperationTime":
                    resumeOptions++;
                    if (value.Type != BsonType.Timestamp)
                    {
                        throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '$changeStream.startAtOperationTime' is the wrong type '{CommandArguments.TypeName(value)}', expected type 'timestamp'");
                    }

                    var time = value.Timestamp;
                    start = (oplog, _) => HistoryLostAsError(() => oplog.FirstSequenceAtOrAfter(time));
                    break;
                case "showSystemEvents" or "allowToRunOnConfigDB" or "allowToRunOnSystemNS":
                    BooleanOption(name, value);
                    break;
                default:
                    throw new CommandException(40415, $"BSON field '$changeStream.{name}' is an unknown field.");
            }
        }

        if (options.Contains("resumeAfter") && options.Contains("startAfter"))
        {
            throw new CommandException(50865, "Do not specify both 'resumeAfter' and 'startAfter' in a $changeStream stage");
        }

        if (resumeOptions > 1)
        {
            throw new CommandException(40674, "Only one type of resume option is allowed, but multiple were found.");
        }

        var (scope, collection) = Scope(context, allChangesForCluster);
        return new ChangeStreamSpec(scope, context.Database, collection, fullDocument, beforeChange, expanded, start(context.Catalog.Oplog, collection), resumeFragment, resumeFragmentCount);
    }

    private static (ChangeStreamScope Scope, string? Collection) Scope(CommandContext context, bool allChangesForCluster)
    {
        var target = context.Command.Fields[0].Value;
        if (target.Type == BsonType.String)
        {
            var collection = context.CollectionArgument();
            if (allChangesForCluster || context.Database is "admin" or "config" or "local" || collection.StartsWith("system.", StringComparison.Ordinal))
            {
                throw new CommandException(ErrorCodes.InvalidNamespace, $"$changeStream may not be opened on the internal {context.Database}.{collection} namespace");
            }

            return (ChangeStreamScope.Collection, collection);
        }

        if (!target.IsNumber || target.ToDouble() != 1)
        {
            throw new CommandException(ErrorCodes.FailedToParse, $"Invalid {{aggregate: {target}}}: the target must be a collection name or 1");
        }

        if (context.Database == "admin")
        {
            return allChangesForCluster
                ? (ChangeStreamScope.Cluster, null)
                : throw new CommandException(ErrorCodes.InvalidNamespace, "$changeStream may not be opened on the internal admin database");
        }

        if (allChangesForCluster || context.Database is "config" or "local")
        {
            throw new CommandException(ErrorCodes.InvalidOptions, $"A $changeStream with 'allChangesForCluster: true' may only be opened on the 'admin' database, and with 'aggregate: 1' (not on {context.Database})");
        }

        return (ChangeStreamScope.Database, null);
    }

    /// <summary>
    /// The first oplog sequence to read after <paramref name="token"/> (its own event's for a fragment's token),
    /// checking the token is still within the window.
    /// </summary>
    private static long Resume(Oplog oplog, ResumeToken token, string database, string? collection, bool cluster)
    {
        var next = oplog.NextSequence;
        var first = oplog.FirstRetainedSequence;
        var position = token.Kind == ResumeTokenKind.HighWaterMark ? token.Sequence : token.Sequence + 1;
        if (position > next)
        {
            throw new CommandException(ErrorCodes.ChangeStreamFatalError, $"cannot resume stream; the resume token was not found: {token.ToHex()} is ahead of this server's oplog");
        }

        var eventSequence = token.Kind == ResumeTokenKind.HighWaterMark ? token.Sequence - 1 : token.Sequence;
        if (eventSequence < first && !(token.Kind == ResumeTokenKind.HighWaterMark && token.Sequence == first))
        {
            throw new CommandException(
                ErrorCodes.ChangeStreamHistoryLost,
                $"Resume of change stream was not possible, as the resume point may no longer be in the oplog (token at oplog position {eventSequence}, oldest retained {first}).");
        }

        if (eventSequence >= 0)
        {
            var entries = new List<OplogEntry>(1);
            HistoryLostAsError(() => oplog.Read(eventSequence, entries, 1));
            // An event token must name an event this stream reports (a server looks for it in the resumed stream).
            var foreign = token.Kind != ResumeTokenKind.HighWaterMark && entries.Count == 1 && !cluster
                && (entries[0].Database != database || (collection is not null && entries[0].Collection != collection));
            // A high-water mark may carry a later time than the entry before it (an idle stream's mark follows the clock).
            var timeMatches = entries.Count == 1 && (token.Kind == ResumeTokenKind.HighWaterMark
                ? (token.ClusterTime.Seconds, token.ClusterTime.Increment).CompareTo((entries[0].ClusterTime.Seconds, entries[0].ClusterTime.Increment)) >= 0
                : entries[0].ClusterTime == token.ClusterTime);
            if (!timeMatches || foreign)
            {
                throw new CommandException(ErrorCodes.ChangeStreamFatalError, $"cannot resume stream; the resume token was not found: {token.ToHex()} does not match this server's oplog");
            }
        }

        // After a fragment the stream reads its event again, to deliver the fragments that follow it.
        return token.Fragment > 0 ? token.Sequence : position;
    }

    private static T HistoryLostAsError<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (OplogHistoryLostException lost)
        {
            throw new CommandException(ErrorCodes.ChangeStreamHistoryLost, $"Resume of change stream was not possible, as the resume point may no longer be in the oplog: {lost.Message}");
        }
    }

    private static ResumeToken Token(DocValue value) =>
        ResumeToken.TryParse(value, out var token, out var problem) ? token : throw new CommandException(ErrorCodes.InvalidResumeToken, $"Invalid resume token: {problem}");

    private static string StringOption(string name, DocValue value) => value.Type == BsonType.String
        ? value.String
        : throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '$changeStream.{name}' is the wrong type '{CommandArguments.TypeName(value)}', expected type 'string'");

    private static bool BooleanOption(string name, DocValue value) => value.Type == BsonType.Boolean
        ? value.Boolean
        : throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '$changeStream.{name}' is the wrong type '{CommandArguments.TypeName(value)}', expected type 'bool'");
}
