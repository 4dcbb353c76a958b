using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// replSetStepDown: admin only; {replSetStepDown: secs (default 60), secondaryCatchUpPeriodSecs?, force?}. As mongod
/// 4.2+ it answers ok and keeps connections open; the node is secondary for the (capped) period, then primary again.
/// There is no secondary to catch up, so force and secondaryCatchUpPeriodSecs change nothing.
/// </summary>
internal sealed class ReplSetStepDownCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["replSetStepDown"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        if (context.Database != "admin")
        {
            throw new CommandException(ErrorCodes.Unauthorized, "replSetStepDown may only be run against the admin database.");
        }

        var secondsValue = context.Command["replSetStepDown"]!;
        var seconds = secondsValue.Type switch
        {
            Schemas.Bson.BsonType.Double => secondsValue.Double,
            Schemas.Bson.BsonType.Int32 or Schemas.Bson.BsonType.Int64 => CommandArguments.AsInteger(secondsValue, "replSetStepDown"),
            Schemas.Bson.BsonType.Boolean => 60,
            _ => throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field 'replSetStepDown' is the wrong type '{CommandArguments.TypeName(secondsValue)}', expected a number of seconds"),
        };
        if (seconds <= 0)
        {
            seconds = 60;
        }

        var catchUp = CommandArguments.OptionalInteger(context.Command, "secondaryCatchUpPeriodSecs");
        if (catchUp is { } catchUpSeconds && catchUpSeconds > seconds)
        {
            throw new CommandException(ErrorCodes.BadValue, "stepdown period must be longer than secondaryCatchUpPeriodSecs");
        }

        CommandArguments.OptionalBoolean(context.Command, "force", false);
        context.Server.Replication.StepDown(seconds);
        return ValueTask.FromResult(new Doc());
    }
}
