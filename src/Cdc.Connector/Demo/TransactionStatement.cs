namespace Cdc.Connector.Demo;

/// <summary>
/// The session fields that make a command a statement of a multi-document transaction, as drivers send them: the
/// session's <c>lsid</c>, its <c>txnNumber</c>, <c>autocommit: false</c>, and <c>startTransaction: true</c> on the first.
/// </summary>
internal readonly record struct TransactionStatement(byte[] SessionId, long TxnNumber, bool Starts);
