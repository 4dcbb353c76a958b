using System.Collections.Concurrent;
using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.Transactions;

/// <summary>
/// Retryable writes (insert/update/delete with lsid and txnNumber outside a transaction) run once: the reply of the
/// session's latest txnNumber is kept, and a retry of it gets that reply back instead of writing again, as a server's
/// session transaction table does. An older txnNumber fails 225 TransactionTooOld. Only the latest write per session is
/// remembered (what drivers retry); a write that failed with an error is forgotten so its retry runs.
/// </summary>
internal sealed class RetryableWriteRegistry
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    /// <summary>The earlier reply when this is a retry of a completed write; null when the write should run now.</summary>
    public Doc? Begin(SessionInfo session)
    {
        var key = Convert.ToHexString(session.Lsid!);
        var txnNumber = session.TxnNumber!.Value;
        lock (_sessions)
        {
            if (_sessions.TryGetValue(key, out var latest))
            {
                if (latest.TxnNumber > txnNumber)
                {
                    throw new CommandException(ErrorCodes.TransactionTooOld, $"Retryable write with txnNumber {txnNumber} is prohibited on session because a newer retryable write with txnNumber {latest.TxnNumber} has already started on this session.");
                }

                if (latest.TxnNumber == txnNumber)
                {
                    return latest.Reply is null
                        ? throw new CommandException(ErrorCodes.ConflictingOperationInProgress, $"Retryable write with txnNumber {txnNumber} is still running on this session.")
                        : latest.Reply.Clone();
                }
            }

            _sessions[key] = new Entry(txnNumber, null);
            return null;
        }
    }

    public void Complete(SessionInfo session, Doc reply)
    {
        lock (_sessions)
        {
            _sessions[Convert.ToHexString(session.Lsid!)] = new Entry(session.TxnNumber!.Value, reply.Clone());
        }
    }

    public void Forget(SessionInfo session)
    {
        lock (_sessions)
        {
            var key = Convert.ToHexString(session.Lsid!);
            if (_sessions.TryGetValue(key, out var latest) && latest.TxnNumber == session.TxnNumber && latest.Reply is null)
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(long TxnNumber, Doc? Reply);
}
