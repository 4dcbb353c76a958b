namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>
/// The writes of one open multi-document transaction: the oplog entries held back until commit, and how to undo each
/// change to the stores on abort (newest first).
/// </summary>
internal sealed class TransactionWriteLog
{
    public List<OplogEntry> Entries { get; } = [];

    public List<Action> Undo { get; } = [];
}
