namespace Cdc.Demo;

/// <summary>
/// What a SIGINT or SIGTERM means to `cdc demo` at each moment. The first stops the run gracefully (workload, then the
/// connector flushes and commits, then the consumer drains). With --keep, once the run is over and the sandbox is kept
/// (<see cref="KeepingSandbox"/>), the next one stops the sandbox gracefully too. Any other signal (one while the demo
/// is already stopping) is the user insisting: it is not handled, so the process ends at once.
/// </summary>
internal sealed class DemoSignals : IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _released = new();
    private Phase _phase = Phase.Running;

    private enum Phase
    {
        Running,
        Stopping,
        Keeping,
        Releasing,
    }

    /// <summary>Cancelled by the first signal: the run stops.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Cancelled by the first signal once the sandbox is kept: the sandbox stops and the process ends.</summary>
    public CancellationToken Released => _released.Token;

    /// <summary>A SIGINT or SIGTERM arrived. True when the demo stops gracefully because of it; false when it does not wait (the process should end at once).</summary>
    public bool Receive()
    {
        lock (_lock)
        {
            switch (_phase)
            {
                case Phase.Running:
                    _phase = Phase.Stopping;
                    _stopping.Cancel();
                    return true;
                case Phase.Keeping:
                    _phase = Phase.Releasing;
                    _released.Cancel();
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>The run is over and its sandbox is kept (--keep): the next signal releases it, gracefully.</summary>
    public void KeepingSandbox()
    {
        lock (_lock)
        {
            if (_phase is Phase.Running or Phase.Stopping)
            {
                _phase = Phase.Keeping;
            }
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _released.Dispose();
    }
}
