using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Looks for a `cdc snapshot` request beside the checkpoint every few seconds, on its own thread (a store read must never
/// hold up the reading thread or a checkpoint save), and offers what it finds to the reading thread.
/// </summary>
internal sealed class SnapshotRequestPoller : IDisposable
{
    /// <summary>How often the store is read: a request is taken within this long (plus the next batch boundary).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly ISnapshotRequestChannel _channel;
    private readonly ICheckpointStore _store;
    private readonly SnapshotRequestInbox _inbox;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private string? _lastProblem;

    private SnapshotRequestPoller(ISnapshotRequestChannel channel, ICheckpointStore store, SnapshotRequestInbox inbox, ILogger logger)
    {
        _channel = channel;
        _store = store;
        _inbox = inbox;
        _logger = logger;
        _thread = new Thread(Loop) { IsBackground = true, Name = "cdc-snapshot-requests" };
    }

    /// <summary>Starts polling when the store carries requests; null otherwise.</summary>
    public static SnapshotRequestPoller? Start(ICheckpointStore store, SnapshotRequestInbox inbox, ILogger logger)
    {
        if (store is not ISnapshotRequestChannel channel)
        {
            return null;
        }

        var poller = new SnapshotRequestPoller(channel, store, inbox, logger);
        poller._thread.Start();
        return poller;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    private void Loop()
    {
        while (!_stop.Token.WaitHandle.WaitOne(Interval))
        {
            try
            {
                if (_channel.ReceiveAsync(_stop.Token).GetAwaiter().GetResult() is { } request)
                {
                    _inbox.Offer(request);
                }

                _lastProblem = null;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A store that cannot be read now is read again at the next interval; the problem is logged once.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (ex.Message != _lastProblem)
                {
                    PipelineLog.SnapshotRequestsUnreadable(_logger, _store.Description, ex.Message, (int)Interval.TotalSeconds);
                    _lastProblem = ex.Message;
                }
            }
        }
    }
}
