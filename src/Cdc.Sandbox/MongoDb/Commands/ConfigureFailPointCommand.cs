using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// configureFailPoint, as mongod answers it with enableTestCommands: admin only, sets mode and data of a known fail
/// point, and replies with "count", the number of times the fail point had fired before this call.
/// </summary>
internal sealed class ConfigureFailPointCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["configureFailPoint"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        if (context.Database != "admin")
        {
            throw new CommandException(ErrorCodes.Unauthorized, "configureFailPoint may only be run against the admin database.");
        }

        var name = context.Command["configureFailPoint"]!;
        if (name.Type != BsonType.String)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field 'configureFailPoint' is the wrong type '{CommandArguments.TypeName(name)}', expected type 'string'");
        }

        var count = context.Server.FailPoints.Configure(name.String, context.Command["mode"], CommandArguments.OptionalDocument(context.Command, "data"));
        return ValueTask.FromResult(new Doc().Add("count", count));
    }
}
