using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// replSetFreeze: admin only; {replSetFreeze: secs}. On a stepped-down node, 0 ends the step-down at once (mongod's
/// single-node replica set elects itself as soon as it is unfrozen) and answers {info: "unfreezing"}; more keeps the
/// node secondary at least that long (capped as replSetStepDown is). The primary refuses it with 95 NotSecondary. It
/// lets a test hold a step-down for as long as its checks take, then end it, instead of racing the step-down's period.
/// </summary>
internal sealed class ReplSetFreezeCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["replSetFreeze"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        if (context.Database != "admin")
        {
            throw new CommandException(ErrorCodes.Unauthorized, "replSetFreeze may only be run against the admin database.");
        }

        var secondsValue = context.Command["replSetFreeze"]!;
        var seconds = secondsValue.Type switch
        {
            Schemas.Bson.BsonType.Double => secondsValue.Double,
            Schemas.Bson.BsonType.Int32 or Schemas.Bson.BsonType.Int64 => CommandArguments.AsInteger(secondsValue, "replSetFreeze"),
            _ => throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field 'replSetFreeze' is the wrong type '{CommandArguments.TypeName(secondsValue)}', expected a number of seconds"),
        };
        if (seconds < 0)
        {
            throw new CommandException(ErrorCodes.BadValue, $"replSetFreeze takes 0 (unfreeze) or a positive number of seconds, not {seconds}");
        }

        var reply = new Doc();
        if (context.Server.Replication.Freeze(seconds))
        {
            reply.Add("info", "unfreezing");
        }
        else if (seconds == 1)
        {
            reply.Add("warning", "you really want to freeze for only 1 second?");
        }

        return ValueTask.FromResult(reply);
    }
}
