using System.Collections.Concurrent;
using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.Transactions;

/// <summary>
/// Multi-document transactions by logical session, checked as mongod checks them: a transaction starts with
/// startTransaction on a txnNumber newer than the session's last; every other statement, commit and abort must name
/// the session's current txnNumber, else 251 NoSuchTransaction labelled TransientTransactionError.
/// </summary>
internal sealed class TransactionRegistry
{
    public const string TransientTransactionError = "TransientTransactionError";

    private readonly ConcurrentDictionary<string, SessionTransaction> _sessions = new(StringComparer.Ordinal);
    private readonly Catalog _catalog;

    public TransactionRegistry(Catalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary>The in-progress transaction a statement runs in; starts it when <paramref name="start"/>.</summary>
    public SessionTransaction ForStatement(SessionInfo session, bool start)
    {
        var key = Key(session);
        var txnNumber = session.TxnNumber!.Value;
        lock (_sessions)
        {
            _sessions.TryGetValue(key, out var current);
            if (start)
            {
                if (current is not null && current.TxnNumber > txnNumber)
                {
                    throw new CommandException(ErrorCodes.TransactionTooOld, $"Cannot start transaction {txnNumber} on session because a newer transaction {current.TxnNumber} has already started.");
                }

                if (current is not null && current.TxnNumber == txnNumber)
                {
                    throw new CommandException(ErrorCodes.ConflictingOperationInProgress, $"Cannot start transaction {txnNumber} on session because it has already been started.");
                }

                if (current is { State: TransactionState.InProgress })
                {
                    // A newer transaction on the session aborts the unfinished older one, as on a server.
                    _catalog.AbortTransaction(current.Writes);
                    current.State = TransactionState.Aborted;
                }

                var started = new SessionTransaction(txnNumber);
                _sessions[key] = started;
                return started;
            }

            if (current is null || current.TxnNumber != txnNumber || current.State != TransactionState.InProgress)
            {
                throw NoSuchTransaction(txnNumber, current);
            }

            return current;
        }
    }

    /// <summary>Commits; committing an already committed transaction again succeeds (commit is retryable).</summary>
    public void Commit(SessionInfo session)
    {
        lock (_sessions)
        {
            var current = Current(session);
            if (current.State == TransactionState.Committed)
            {
                return;
            }

            if (current.State == TransactionState.Aborted)
            {
                throw NoSuchTransaction(current.TxnNumber, current);
            }

            _catalog.CommitTransaction(current.Writes);
            current.State = TransactionState.Committed;
        }
    }

    public void Abort(SessionInfo session)
    {
        lock (_sessions)
        {
            var current = Current(session);
            if (current.State == TransactionState.Committed)
            {
                throw new CommandException(ErrorCodes.TransactionCommitted, $"Transaction {current.TxnNumber} has been committed.");
            }

            if (current.State == TransactionState.Aborted)
            {
                throw NoSuchTransaction(current.TxnNumber, current);
            }

            _catalog.AbortTransaction(current.Writes);
            current.State = TransactionState.Aborted;
        }
    }

    private SessionTransaction Current(SessionInfo session)
    {
        if (session.Lsid is null || session.TxnNumber is null)
        {
            throw new CommandException(ErrorCodes.InvalidOptions, "commitTransaction and abortTransaction need a session (lsid) and a txnNumber");
        }

        _sessions.TryGetValue(Key(session), out var current);
        return current is not null && current.TxnNumber == session.TxnNumber ? current : throw NoSuchTransaction(session.TxnNumber.Value, current);
    }

    private static CommandException NoSuchTransaction(long txnNumber, SessionTransaction? current) =>
        new(ErrorCodes.NoSuchTransaction, current is null
            ? $"Given transaction number {txnNumber} does not match any in-progress transactions."
            : $"Given transaction number {txnNumber} does not match any in-progress transactions. The active transaction number is {current.TxnNumber}")
        {
            ErrorLabels = [TransientTransactionError],
        };

    private static string Key(SessionInfo session) => Convert.ToHexString(session.Lsid!);
}
