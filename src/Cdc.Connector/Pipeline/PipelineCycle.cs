using System.Diagnostics;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Observability;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// One life of the pipeline: a fresh watermark and producer, the stream opened at a start position, events read on the
/// calling thread until stop, failure or invalidate; then reading stops, deliveries are flushed (bounded), what is
/// committable is committed, and producer and stream are disposed. A failure never commits past the failed event.
/// </summary>
internal sealed class PipelineCycle
{
    private readonly IPipelineEnvironment _environment;
    private readonly PipelineSettings _settings;
    private readonly EventEncoding _encoding;
    private readonly PipelineObservers _observers;
    private readonly PipelineCounters _counters;
    private readonly ConnectorStatus _status;
    private readonly ILogger _logger;

    public PipelineCycle(IPipelineEnvironment environment, PipelineSettings settings, EventEncoding encoding, PipelineObservers observers)
    {
        _environment = environment;
        _settings = settings;
        _encoding = encoding;
        _observers = observers;
        _counters = observers.Counters;
        _status = observers.Status;
        _logger = observers.Logger;
    }

    /// <summary>`cdc snapshot` requests the runner's poller found; null: none are taken.</summary>
    public SnapshotRequestInbox? Requests { get; init; }

    /// <summary>Registers the known namespaces' schemas once the stream is open, before the first read (the runner's, shared by its cycles); null: none.</summary>
    public SchemaPreRegistration? PreRegistration { get; init; }

    /// <summary>
    /// Runs one cycle from <paramref name="start"/>; <paramref name="committed"/> is the offset already in the store, and
    /// <paramref name="snapshot"/> the snapshot progress to continue (null or complete: changes only).
    /// </summary>
    public CycleResult Run(StartPosition start, SourceOffset? committed, SnapshotProgress? snapshot, CancellationToken stopping)
    {
        var requests = Requests;
        var clock = Stopwatch.StartNew();
        var watermark = new AckWatermark(_settings.MaxInFlightEvents, _settings.MaxInFlightBytes, _settings.AckLatencyObserver);
        _status.SetPhase(PipelinePhase.Starting);
        _status.SetWatermark(watermark);
        using var committer = new CheckpointCommitter(watermark, _environment.CheckpointStore, _settings, committed, _counters, _logger, _status) { Requests = requests };
        IRecordPublisher? publisher = null;
        PipelineSource? source = null;
        SourceOffset? unsavedStart = null;
        CycleEnd end;
        Exception? failure = null;
        try
        {
            publisher = _environment.CreatePublisher(watermark, _settings.MaxInFlightEvents, _counters);
            source = new PipelineSource(
                _environment.CreateSource(),
                _environment.CreateSnapshotReader,
                snapshot,
                requests,
                (_settings.SnapshotChunkSize, _settings.SnapshotParallelism),
                _counters.SnapshotRows,
                _logger);
            var captured = source.Open(start, stopping);
            var opened = start.Position?.Describe() ?? captured?.Describe() ?? "now";
            PipelineLog.Opened(_logger, opened, start.Reason);
            _status.StreamOpened(ResumeTokenClock.UnixMilliseconds(start.Position ?? captured));
            _status.SetPhase(PipelinePhase.Reading);
            if (captured is not null)
            {
                PipelineLog.StartCaptured(_logger, opened);
                var capturedOffset = new SourceOffset(captured, snapshot);
                if (!committer.CommitOffset(capturedOffset))
                {
                    unsavedStart = capturedOffset;
                }
            }

            committer.Start();

            // After the stream opened (readiness does not wait for it) and before its first read (which would otherwise
            // wait for the registry on each new namespace's first event).
            PreRegistration?.Run(stopping);
            var forwarder = new EventForwarder(_encoding, watermark, publisher, _observers)
            {
                IsDeadLetterEnabled = _settings.HasDeadLetterTopic,
                Oversize = _settings.Oversize,
                MessageMaxBytes = _settings.MessageMaxBytes,
            };
            end = Read(source, forwarder, watermark, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            end = CycleEnd.Stopped;
        }
#pragma warning disable CA1031 // Any failure of the source, the mapping path or the producer ends this cycle; the runner decides what it means.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            end = CycleEnd.Failed;
            failure = ex;
        }

        if (stopping.IsCancellationRequested)
        {
            _status.SetPhase(PipelinePhase.Stopping);
        }

        // Flushing waits on Kafka for up to pipeline.shutdownGraceMs: a designed wait, not a wedge.
        _status.WaitStarted(ReaderWait.Flush);
        bool settled;
        try
        {
            committer.Stop();
            settled = Finish(publisher, watermark, committer, end);
        }
        finally
        {
            _status.WaitEnded();
        }

        _status.SetWatermark(null);
        failure ??= watermark.Failure;
        if (failure is not null)
        {
            end = CycleEnd.Failed;
        }
        else if (end == CycleEnd.Invalidated && !settled)
        {
            end = CycleEnd.Failed;
            failure = new TimeoutException("The invalidate event's records were not acknowledged within pipeline.shutdownGraceMs; reopening from the last committed checkpoint.");
        }
        else if (end == CycleEnd.SnapshotCompleted && (!settled || committer.LastCommitted?.Snapshot is not { IsComplete: true }))
        {
            end = CycleEnd.Failed;
            failure = new TimeoutException("The snapshot's last records were not acknowledged and committed within pipeline.shutdownGraceMs; continuing from the last committed checkpoint.");
        }

        source?.Dispose();
        return new CycleResult(end, failure, committer.LastCommitted, unsavedStart, clock.Elapsed);
    }

    private CycleEnd Read(PipelineSource source, EventForwarder forwarder, AckWatermark watermark, CancellationToken stopping)
    {
        // Whether an event came since the last batch end: a batch end right after another means the stream had
        // nothing newer, so the reader is caught up as of now.
        var eventSinceBatchEnd = false;
        while (!stopping.IsCancellationRequested)
        {
            var read = source.Read(out var item, stopping);
            _status.Beat();
            switch (read)
            {
                case SourceRead.ChangeEvent:
                case SourceRead.SnapshotRow:
                    eventSinceBatchEnd |= read == SourceRead.ChangeEvent;
                    if (!forwarder.Forward(item, source.Snapshot, stopping))
                    {
                        return stopping.IsCancellationRequested && watermark.Failure is null ? CycleEnd.Stopped : CycleEnd.Failed;
                    }

                    break;
                case SourceRead.SnapshotProgress:
                    if (!forwarder.Mark(item, source.Snapshot, stopping))
                    {
                        return stopping.IsCancellationRequested && watermark.Failure is null ? CycleEnd.Stopped : CycleEnd.Failed;
                    }

                    if (_settings.SnapshotMode == SnapshotMode.InitialOnly && source.Snapshot is { IsComplete: true })
                    {
                        return CycleEnd.SnapshotCompleted;
                    }

                    break;
                case SourceRead.Heartbeat:
                    _status.BatchEnded(
                        empty: !eventSinceBatchEnd,
                        ResumeTokenClock.TryGetSeconds(item, out var seconds) ? seconds * 1000L : null);
                    eventSinceBatchEnd = false;
                    watermark.OfferPostBatchToken(item, source.Snapshot);
                    if (watermark.Failure is not null)
                    {
                        return CycleEnd.Failed;
                    }

                    break;
                case SourceRead.Closed:
                    return CycleEnd.Invalidated;
                default:
                    throw new InvalidOperationException("Unknown source read result.");
            }
        }

        return CycleEnd.Stopped;
    }

    /// <summary>Flushes (bounded), commits what is committable, disposes the producer; true when every delivery was settled.</summary>
    private bool Finish(IRecordPublisher? publisher, AckWatermark watermark, CheckpointCommitter committer, CycleEnd end)
    {
        if (end is CycleEnd.Stopped or CycleEnd.SnapshotCompleted)
        {
            PipelineLog.Stopping(_logger, (long)_settings.ShutdownGrace.TotalMilliseconds);
        }

        var deadline = Stopwatch.StartNew();
        var settled = true;
        if (publisher is not null)
        {
            try
            {
                settled = publisher.Flush(_settings.ShutdownGrace);
            }
#pragma warning disable CA1031 // A producer that cannot even flush is disposed below; its unacknowledged events stay uncommitted.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                PipelineLog.CycleFailed(_logger, "flush", ex.Message);
                settled = false;
            }

            var left = _settings.ShutdownGrace - deadline.Elapsed;
            settled = watermark.WaitUntilSettled(left > TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100)) && settled;
        }

        if (end == CycleEnd.Stopped)
        {
            // The stop's own account of its wait: an operator (and a test) can tell an early end from the deadline.
            var waitedMs = (long)deadline.Elapsed.TotalMilliseconds;
            var graceMs = (long)_settings.ShutdownGrace.TotalMilliseconds;
            if (settled)
            {
                PipelineLog.StopSettled(_logger, waitedMs, graceMs);
            }
            else
            {
                PipelineLog.StopGraceEnded(_logger, graceMs, waitedMs);
            }
        }

        committer.CommitNow();
        var position = committer.LastCommitted?.Describe() ?? "none";
        if (!settled && watermark.Failure is null)
        {
            PipelineLog.DeliveriesOutstanding(_logger, watermark.InFlightEvents, position);
        }

        publisher?.Dispose();
        return settled;
    }
}
