using Cdc.Connector.Checkpoint;
using Cdc.Connector.Observability;
using Cdc.Connector.Source;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Saves the watermark's committable position to the checkpoint store every interval, on its own thread, and once
/// more when asked at the end of a cycle. A failed save is logged and retried on the next tick; <see cref="LastCommitted"/>
/// only ever holds what the store confirmed. A fenced save (another instance took the pipeline over) is not retried: it
/// fails the watermark, which ends the cycle, and the runner stops.
/// </summary>
internal sealed class CheckpointCommitter : IDisposable
{
    private readonly AckWatermark _watermark;
    private readonly ICheckpointStore _store;
    private readonly PipelineSettings _settings;
    private readonly PipelineCounters _counters;
    private readonly ILogger _logger;
    private readonly ConnectorStatus? _status;
    private readonly Lock _saving = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private readonly List<SnapshotRequest> _toAcknowledge = [];
    private SourceOffset? _pending;
    private SourceOffset? _lastCommitted;

    public CheckpointCommitter(
        AckWatermark watermark, ICheckpointStore store, PipelineSettings settings, SourceOffset? alreadyCommitted, PipelineCounters counters, ILogger logger,
        ConnectorStatus? status = null)
    {
        _status = status;
        _watermark = watermark;
        _store = store;
        _settings = settings;
        _counters = counters;
        _logger = logger;
        _lastCommitted = alreadyCommitted;
    }

    /// <summary>`cdc snapshot` requests, removed from the store once their collections are committed; null: none.</summary>
    public SnapshotRequestInbox? Requests { get; init; }

    /// <summary>The newest offset the store confirmed (from an earlier cycle too).</summary>
    public SourceOffset? LastCommitted
    {
        get
        {
            lock (_saving)
            {
                return _lastCommitted;
            }
        }
    }

    public void Start()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "cdc-checkpoint" };
        _thread.Start();
    }

    /// <summary>Saves <paramref name="offset"/> now (the captured start time of a fresh stream); on failure it is retried with the next tick.</summary>
    public bool CommitOffset(SourceOffset offset)
    {
        lock (_saving)
        {
            _pending = offset;
            return SavePending();
        }
    }

    /// <summary>Saves the newest committable position, if it moved; true when nothing remains unsaved.</summary>
    public bool CommitNow()
    {
        lock (_saving)
        {
            if (_watermark.TakeCommittable() is { } newer)
            {
                _pending = newer;
            }

            return _pending is null || SavePending();
        }
    }

    /// <summary>Stops the periodic thread (a save in progress completes first).</summary>
    public void Stop()
    {
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
        }

        _thread?.Join();
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private void Loop()
    {
        while (!_stop.Token.WaitHandle.WaitOne(_settings.CheckpointInterval))
        {
            CommitNow();
        }
    }

    /// <summary>
    /// Removes from the store the requests whose collections are now committed in the snapshot progress (a failed removal
    /// is retried after the next save; until then `cdc snapshot --wait` keeps waiting).
    /// </summary>
    private void AcknowledgeRequests(SnapshotProgress? committed)
    {
        if (Requests is null || _store is not ISnapshotRequestChannel channel)
        {
            return;
        }

        _toAcknowledge.AddRange(Requests.Committed(committed));
        for (var i = 0; i < _toAcknowledge.Count; i++)
        {
            var request = _toAcknowledge[i];
            try
            {
                using var timeout = new CancellationTokenSource(_settings.CheckpointSaveTimeout);
                channel.AcknowledgeAsync(request, timeout.Token).GetAwaiter().GetResult();
                var collections = string.Join(", ", request.Collections);
                PipelineLog.SnapshotRequestAccepted(_logger, request.Id, collections);
                _toAcknowledge.RemoveAt(i--);
            }
#pragma warning disable CA1031 // Whatever the store throws, the removal is retried after the next save.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                PipelineLog.SnapshotRequestNotRemoved(_logger, request.Id, _store.Description, ex.Message);
            }
        }
    }

    private bool SavePending()
    {
        var position = _pending!;
        try
        {
            using var timeout = new CancellationTokenSource(_settings.CheckpointSaveTimeout);
            var checkpoint = new StoredCheckpoint(_settings.Name, position.Position, DateTimeOffset.UtcNow) { Snapshot = position.Snapshot };
            _store.SaveAsync(checkpoint, timeout.Token).GetAwaiter().GetResult();
        }
        catch (WriterFencedException ex)
        {
            // Retrying would write under the instance that took over: end the cycle instead, as a failed delivery does.
            PipelineLog.CheckpointSaveFailed(_logger, _store.Description, position.Describe(), ex.Message);
            _counters.ErrorOccurred(ErrorKinds.Checkpoint);
            _status?.CheckpointSaveFailed($"{_store.Description}: {ex.Message}");
            _watermark.Abandon(ex);
            return false;
        }
#pragma warning disable CA1031 // Whatever a store throws (its own exception, a client library's), the save is retried next tick; an escape would kill this thread and the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var described = position.Describe();
            PipelineLog.CheckpointSaveFailed(_logger, _store.Description, described, ex.Message);
            _counters.ErrorOccurred(ErrorKinds.Checkpoint);
            _status?.CheckpointSaveFailed($"{_store.Description}: {ex.Message}");
            return false;
        }

        _lastCommitted = position;
        _pending = null;
        _counters.CheckpointCommitted();
        AcknowledgeRequests(position.Snapshot);
        _status?.CheckpointSaved(position.Position);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var described = position.Describe();
            PipelineLog.CheckpointCommitted(_logger, described);
        }
        return true;
    }
}
