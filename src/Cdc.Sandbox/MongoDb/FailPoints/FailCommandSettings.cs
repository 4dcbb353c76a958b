using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.FailPoints;

/// <summary>The <c>data</c> of a failCommand fail point, validated as mongod validates it.</summary>
internal sealed record FailCommandSettings(
    IReadOnlySet<string> Commands,
    int? ErrorCode,
    IReadOnlyList<string>? ErrorLabels,
    bool CloseConnection,
    bool BlockConnection,
    int BlockTimeMilliseconds,
    string? AppName,
    Doc? WriteConcernError)
{
    public static FailCommandSettings Parse(Doc? data)
    {
        if (data is null)
        {
            throw new CommandException(ErrorCodes.FailedToParse, "failCommand fail point requires 'data' with a 'failCommands' array");
        }

        var commands = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in CommandArguments.RequireArray(data, "failCommands"))
        {
            if (name.Type != BsonType.String)
            {
                throw new CommandException(ErrorCodes.TypeMismatch, $"'failCommands' must hold command names (strings), found {CommandArguments.TypeName(name)}");
            }

            commands.Add(name.String);
        }

        List<string>? labels = null;
        var labelValue = data["errorLabels"];
        if (labelValue is not null)
        {
            if (!labelValue.IsArray)
            {
                throw new CommandException(ErrorCodes.TypeMismatch, "'errorLabels' must be an array of strings");
            }

            labels = [];
            foreach (var label in labelValue.Array)
            {
                labels.Add(label.Type == BsonType.String ? label.String : throw new CommandException(ErrorCodes.TypeMismatch, "'errorLabels' must be an array of strings"));
            }
        }

        var errorCode = CommandArguments.OptionalInteger(data, "errorCode");
        var block = CommandArguments.OptionalBoolean(data, "blockConnection", false);
        var blockTime = CommandArguments.OptionalInteger(data, "blockTimeMS");
        if (block && blockTime is null)
        {
            throw new CommandException(ErrorCodes.InvalidOptions, "Must specify 'blockTimeMS' when 'blockConnection' is true");
        }

        if (blockTime is < 0 or > int.MaxValue)
        {
            throw new CommandException(ErrorCodes.BadValue, "'blockTimeMS' must be a non-negative number of milliseconds");
        }

        var appName = data["appName"];
        if (appName is not null && appName.Type != BsonType.String)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, "'appName' must be a string");
        }

        return new FailCommandSettings(
            commands,
            errorCode is null ? null : checked((int)errorCode.Value),
            labels,
            CommandArguments.OptionalBoolean(data, "closeConnection", false),
            block,
            (int)(blockTime ?? 0),
            appName?.String,
            CommandArguments.OptionalDocument(data, "writeConcernError"));
    }

    /// <summary>Whether this fail point is aimed at <paramref name="command"/> from a client named <paramref name="clientAppName"/>.</summary>
    public bool Matches(string command, string? clientAppName) =>
        Commands.Contains(command) && (AppName is null || string.Equals(AppName, clientAppName, StringComparison.Ordinal));
}
