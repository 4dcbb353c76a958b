namespace Cdc.Sandbox.MongoDb.Transactions;

internal enum TransactionState
{
    InProgress,
    Committed,
    Aborted,
}
