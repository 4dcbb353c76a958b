using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>commitTransaction / abortTransaction: admin only, on the session's current transaction.</summary>
internal sealed class TransactionEndCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["commitTransaction", "abortTransaction"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        if (context.Database != "admin")
        {
            throw new CommandException(ErrorCodes.Unauthorized, $"{context.Name} may only be run against the admin database.");
        }

        if (context.Name == "commitTransaction")
        {
            context.Server.Transactions.Commit(context.Session);
        }
        else
        {
            context.Server.Transactions.Abort(context.Session);
        }

        return ValueTask.FromResult(new Doc());
    }
}
