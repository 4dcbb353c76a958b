using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.Transactions;

/// <summary>The latest transaction of one logical session: its number, state and held-back writes.</summary>
internal sealed class SessionTransaction
{
    public SessionTransaction(long txnNumber)
    {
        TxnNumber = txnNumber;
    }

    public long TxnNumber { get; }

    public TransactionState State { get; set; } = TransactionState.InProgress;

    public TransactionWriteLog Writes { get; } = new();
}
