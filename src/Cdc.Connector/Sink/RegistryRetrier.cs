using Cdc.Connector.Registry;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Sink;

/// <summary>
/// Runs a Schema Registry call on the reading thread until the registry answers: no answer, a server error, a timeout
/// or a throttle is retried with jittered backoff (logged, and reported to the <see cref="IRegistryRetryListener"/>, so
/// the pause shows in /readyz); a refusal (other 4xx) is thrown to the caller as the
/// <see cref="RegistryRequestException"/> it is, to be explained there. Cancellation ends the wait with
/// <see cref="OperationCanceledException"/>. Shared by the envelope's <see cref="SchemaIdCache"/> and the typed
/// <see cref="TypedSchemaLedger"/>, so both pause and report alike.
/// </summary>
internal sealed class RegistryRetrier(SchemaIdRetrySettings retry, ILogger logger, IRegistryRetryListener? listener)
{
    public T Run<T>(string subject, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var backoff = new JitteredBackoff(retry.InitialDelay, retry.MaxDelay);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var result = call(cancellationToken).GetAwaiter().GetResult();
                    if (backoff.Attempt > 0)
                    {
                        SchemaIdLog.Recovered(logger, subject, backoff.Attempt);
                    }

                    return result;
                }
                catch (RegistryRequestException ex) when (IsRetryable(ex.StatusCode))
                {
                    var delay = backoff.Next();
                    SchemaIdLog.Unavailable(logger, subject, backoff.Attempt, (long)delay.TotalMilliseconds, ex.Message);
                    listener?.CallFailed(subject, backoff.Attempt, ex.Message);
                    if (cancellationToken.WaitHandle.WaitOne(delay))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }
        }
        finally
        {
            // The pause is over however the retries end; a refusal is counted once, as the cycle's failure.
            if (backoff.Attempt > 0)
            {
                listener?.RetriesEnded(subject);
            }
        }
    }

    /// <summary>No answer at all, a server error, a timeout or a throttle: the registry may answer later.</summary>
    private static bool IsRetryable(int? status) => status is null or >= 500 or 408 or 429;
}
