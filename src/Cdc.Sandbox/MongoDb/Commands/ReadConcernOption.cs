using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// A read's <c>readConcern</c> checked as mongod parses it (ReadConcernArgs): an object (else 9), <c>level</c> one of
/// local, majority, linearizable, available, snapshot (else 9 FailedToParse), <c>afterClusterTime</c> and
/// <c>atClusterTime</c> timestamps (else 14), other fields 72 InvalidOptions, <c>afterClusterTime</c> only with local,
/// majority or snapshot and never beyond the node's cluster time (72). The single node commits every write to a
/// majority at once and reads under the catalog lock, so local, majority, linearizable and available all read the
/// latest state, which is at or after any valid <c>afterClusterTime</c>. <c>snapshot</c> is accepted in a transaction
/// (whose reads see the latest state, as documented) and refused outside one: reading at an <c>atClusterTime</c> is
/// not emulated.
/// </summary>
internal static class ReadConcernOption
{
    private const string Levels = "'local', 'majority', 'linearizable', 'available', or 'snapshot'";

    public static void Validate(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command["readConcern"] is not { } value)
        {
            return;
        }

        if (!value.IsDocument)
        {
            throw new CommandException(ErrorCodes.FailedToParse, "readConcern field should be an object");
        }

        string? level = null;
        BsonTimestamp? afterClusterTime = null;
        var atClusterTime = false;
        foreach (var (name, field) in value.Document.Fields)
        {
            switch (name)
            {
                case "level":
                    level = field.Type == BsonType.String
                        ? field.String
                        : throw new CommandException(ErrorCodes.TypeMismatch, $"\"level\" had the wrong type. Expected string, found {CommandArguments.TypeName(field)}");
                    if (level is not ("local" or "majority" or "linearizable" or "available" or "snapshot"))
                    {
                        throw new CommandException(ErrorCodes.FailedToParse, $"readConcern.level must be either {Levels}");
                    }

                    break;
                case "afterClusterTime":
                    afterClusterTime = Timestamp(name, field);
                    break;
                case "atClusterTime":
                    Timestamp(name, field);
                    atClusterTime = true;
                    break;
                case "provenance":
                    break;
                default:
                    throw new CommandException(ErrorCodes.InvalidOptions, $"Unrecognized option in readConcern: {name}");
            }
        }

        if (afterClusterTime is not null && atClusterTime)
        {
            throw new CommandException(ErrorCodes.InvalidOptions, "Specifying a timestamp for readConcern snapshot in a causally consistent session is not allowed");
        }

        if (afterClusterTime is not null && level is not (null or "local" or "majority" or "snapshot"))
        {
            throw new CommandException(ErrorCodes.InvalidOptions, "afterClusterTime field can be set only if level is equal to majority, local, or snapshot");
        }

        if (atClusterTime && level != "snapshot")
        {
            throw new CommandException(ErrorCodes.InvalidOptions, "atClusterTime field can be set only if level is equal to snapshot");
        }

        if (afterClusterTime is { } after)
        {
            if (after is { Seconds: 0, Increment: 0 })
            {
                throw new CommandException(ErrorCodes.InvalidOptions, "afterClusterTime cannot be a null timestamp");
            }

            BsonTimestamp current;
            using (context.Catalog.EnterLock())
            {
                current = context.Catalog.OperationTime;
            }

            if ((after.Seconds, after.Increment).CompareTo((current.Seconds, current.Increment)) > 0)
            {
                throw new CommandException(
                    ErrorCodes.InvalidOptions,
                    $"readConcern afterClusterTime value must not be greater than the current clusterTime. Requested clusterTime: {Format(after)}; current clusterTime: {Format(current)}");
            }
        }

        if (level == "snapshot" && !context.Command.Contains("autocommit"))
        {
            throw new CommandException(
                ErrorCodes.InvalidOptions,
                "readConcern level 'snapshot' outside a multi-document transaction is not emulated by the cdc sandbox (it would read at a point in time, atClusterTime): "
                + "use level 'local' or 'majority', which read the latest state (see docs/sandbox.md)");
        }
    }

    private static BsonTimestamp Timestamp(string name, DocValue field) => field.Type == BsonType.Timestamp
        ? field.Timestamp
        : throw new CommandException(ErrorCodes.TypeMismatch, $"\"{name}\" had the wrong type. Expected timestamp, found {CommandArguments.TypeName(field)}");

    private static string Format(BsonTimestamp time) => $"Timestamp({time.Seconds}, {time.Increment})";
}
