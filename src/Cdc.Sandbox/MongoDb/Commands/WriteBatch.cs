using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Wire;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>The statement array of insert/update/delete (from the body or an OP_MSG document sequence), checked as a server does.</summary>
internal static class WriteBatch
{
    public static List<Doc> Statements(Doc command, string field)
    {
        var items = CommandArguments.RequireArray(command, field);
        if (items.Count == 0)
        {
            throw new CommandException(ErrorCodes.InvalidLength, $"Write batch sizes must be between 1 and {WireLimits.MaxWriteBatchSize}. Got 0 operations.");
        }

        if (items.Count > WireLimits.MaxWriteBatchSize)
        {
            throw new CommandException(ErrorCodes.InvalidLength, $"Write batch sizes must be between 1 and {WireLimits.MaxWriteBatchSize}. Got {items.Count} operations.");
        }

        return items.ConvertAll(item => item.IsDocument
            ? item.Document
            : throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '{field}' entries must be objects, not {CommandArguments.TypeName(item)}"));
    }
}
