using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.LiveView;
using Cdc.Connector.Observability;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Cdc.Schemas.Mapping;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Runs pipeline cycles until stopped: loads the checkpoint once, then after each failed cycle either restarts (from the
/// last committed position, after a jittered exponential backoff; or from now when the position is lost and the policy
/// allows it, loudly) or stops with one clear error. After an invalidate it reopens with startAfter or stops, per policy.
/// </summary>
internal sealed class PipelineRunner
{
    private readonly IPipelineEnvironment _environment;
    private readonly PipelineSettings _settings;
    private readonly EventEncoding _encoding;
    private readonly PipelineObservers _observers;
    private readonly ILogger _logger;

    // counters and status are shared with whoever reports them (probes, metrics, the demo); new ones when null.
    // typed: the value encoder of mapping.value=document; null for the envelope.
    public PipelineRunner(
        IPipelineEnvironment environment,
        PipelineSettings settings,
        MappingOptions mapping,
        SchemaIdCache schemaIds,
        ILogger logger,
        PipelineCounters? counters = null,
        ConnectorStatus? status = null,
        LiveChangeFeed? live = null,
        TypedValueEncoder? typed = null)
    {
        _environment = environment;
        _settings = settings;
        _logger = logger;
        Counters = counters ?? new PipelineCounters();
        Status = status ?? new ConnectorStatus();
        Status.Snapshot = Counters.SnapshotRows;
        _encoding = new EventEncoding(new ChangeEventMapper(mapping), schemaIds, new PipelineBuffers(), typed);
        _observers = new PipelineObservers(Counters, Status, logger, live);
    }

    public PipelineCounters Counters { get; }

    /// <summary>The live state for /healthz, /readyz, /metrics and the demo.</summary>
    public ConnectorStatus Status { get; }

    /// <summary>Runs on a new dedicated thread (the reading thread); the task completes with the exit.</summary>
    public Task<PipelineExit> Start(CancellationToken stopping)
    {
        var completion = new TaskCompletionSource<PipelineExit>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(Run(stopping));
            }
#pragma warning disable CA1031 // The exception is handed to whoever awaits the task.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                completion.SetException(ex);
            }
        })
        {
            Name = "cdc-pipeline",
        };
        thread.Start();
        return completion.Task;
    }

    /// <summary>Runs on the calling thread until stopped or a failure that restarting cannot fix.</summary>
    public PipelineExit Run(CancellationToken stopping)
    {
        var store = _environment.CheckpointStore;
        StoredCheckpoint? loaded;
        try
        {
            // Claim before load: what another instance committed up to its fencing is then what this one reads.
            store.ClaimWriterAsync(stopping).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Status.SetPhase(PipelinePhase.Stopped);
            return PipelineExit.Success;
        }
        catch (CheckpointStoreException ex)
        {
            Counters.ErrorOccurred(ErrorKinds.Checkpoint);
            return Fail(ex.Message);
        }

        try
        {
            loaded = store.LoadAsync(stopping).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Status.SetPhase(PipelinePhase.Stopped);
            return PipelineExit.Success;
        }
        catch (CheckpointStoreException ex)
        {
            Counters.ErrorOccurred(ErrorKinds.Checkpoint);
            return Fail($"cannot read the checkpoint from {store.Description}: {ex.Message}");
        }

        Status.CheckpointLoaded(loaded?.Position);

        var start = _environment.ResolveStart(loaded);
        var from = start.Position?.Describe() ?? "now";
        PipelineLog.Starting(_logger, _settings.Name, _environment.Watching, from, start.Reason, store.Description);
        SourceOffset? committed = loaded is null ? null : new SourceOffset(loaded.Position, loaded.Snapshot);
        var snapshot = loaded?.Snapshot;

        // A first start (nothing committed) plans the initial snapshot, unless snapshot.mode is never.
        var pendingSnapshot = loaded is null && _settings.SnapshotMode != SnapshotMode.Never ? SnapshotTriggers.Initial : null;
        if (pendingSnapshot is null)
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var decision = SnapshotDecision.ForCheckpoint(_settings, loaded);
                PipelineLog.SnapshotDecision(_logger, decision);
            }
            if (_settings.SnapshotMode == SnapshotMode.InitialOnly && snapshot is not { IsComplete: false })
            {
                return Stopped(committed?.Describe() ?? "none");
            }
        }

        var backoff = new JitteredBackoff(_settings.RestartBackoff, _settings.RestartBackoffMax);
        var requests = new SnapshotRequestInbox();
        using var poller = _settings.SnapshotMode == SnapshotMode.InitialOnly ? null : SnapshotRequestPoller.Start(store, requests, _logger);
        var cycle = new PipelineCycle(_environment, _settings, _encoding, _observers)
        {
            Requests = poller is null ? null : requests,
            PreRegistration = new SchemaPreRegistration(_environment, _encoding, _settings, _logger),
        };
        while (true)
        {
            CycleResult result;
            if (pendingSnapshot is not null && !TryPlanSnapshot(pendingSnapshot, committed, stopping, out snapshot, out var planFailure))
            {
                if (stopping.IsCancellationRequested)
                {
                    return Stopped(committed?.Describe() ?? "none");
                }

                result = new CycleResult(CycleEnd.Failed, planFailure, null, null, TimeSpan.Zero);
            }
            else
            {
                if (pendingSnapshot is not null && _settings.SnapshotMode == SnapshotMode.InitialOnly && snapshot is { IsComplete: true })
                {
                    // Nothing in scope to snapshot: initialOnly has nothing to do.
                    return Stopped(committed?.Describe() ?? "none");
                }

                pendingSnapshot = null;
                result = cycle.Run(start, committed, snapshot, stopping);
            }

            committed = result.LastCommitted ?? committed;
            var committedText = committed?.Describe() ?? "none";

            // A captured start time that could not be saved is still where this process must continue from.
            var restartPoint = committed ?? result.UnsavedStart;
            if (restartPoint is not null)
            {
                snapshot = restartPoint.Snapshot;
            }

            switch (result.End)
            {
                case CycleEnd.Stopped:
                    return Stopped(committedText);
                case CycleEnd.SnapshotCompleted:
                    PipelineLog.SnapshotCompletedExit(_logger, committedText);
                    return Stopped(committedText);
                case CycleEnd.Invalidated:
                    PipelineLog.Invalidated(_logger, committedText, _settings.ReopenOnInvalidate ? "reopen" : "stop");
                    if (!_settings.ReopenOnInvalidate || stopping.IsCancellationRequested)
                    {
                        return Stopped(committedText);
                    }

                    start = restartPoint is null
                        ? _environment.ResolveStart(loaded)
                        : StartPosition.From(restartPoint.Position, "reopening after the invalidate event (mongodb.onInvalidate=reopen)");
                    continue;
                default:
                    break;
            }

            var failure = result.Failure!;
            var restartText = restartPoint?.Position.Describe();
            var verdict = FailureClassifier.Classify(failure, _settings, restartText);
            var action = verdict.Action;
            var problem = verdict.Line;
            PipelineLog.CycleFailed(_logger, action.ToString(), problem);
            Counters.ErrorOccurred(verdict.ErrorKind);
            Status.CycleFailed(problem);
            if (action == FailureAction.Stop)
            {
                return Fail(problem);
            }

            if (result.Duration >= _settings.HealthyPeriod)
            {
                backoff.Reset();
            }

            Counters.Restarted();
            Status.SetPhase(PipelinePhase.Restarting);
            // Where the restart continues from, and why there: an operator reading "from now" must see that nothing was
            // committed yet (and what mongodb.startAt says), not guess whether events were skipped.
            string origin;
            if (action is FailureAction.RestartFromNow or FailureAction.RestartWithSnapshot)
            {
                Counters.RestartedAfterHistoryLost();
                PipelineLog.HistoryLostRestart(_logger, restartText ?? "its start position", failure.Message, Counters.HistoryLostRestarts);
                var why = action == FailureAction.RestartWithSnapshot
                    ? "snapshot.mode=whenNeeded after the resume position was lost: every collection is snapshotted again"
                    : "mongodb.onHistoryLost=restartFromNow after the resume position was lost";
                start = StartPosition.Now(why);
                origin = start.Reason;

                // The lost position is not a place to come back to: until the new start is committed, a restart begins
                // again from now (with the snapshot planned anew).
                committed = null;
                snapshot = null;
                pendingSnapshot = action == FailureAction.RestartWithSnapshot ? SnapshotTriggers.HistoryLost : null;
            }
            else if (restartPoint is null)
            {
                start = _environment.ResolveStart(loaded);
                origin = start.Reason;
            }
            else
            {
                start = StartPosition.From(restartPoint.Position, "last committed checkpoint, restarting after a failure");
                origin = committed is null ? "the start position the failed cycle captured; it could not be saved" : "the last committed checkpoint";
            }

            var delay = backoff.Next();
            var restartFrom = start.Position?.Describe() ?? "now";
            PipelineLog.Restarting(_logger, (long)delay.TotalMilliseconds, backoff.Attempt, restartFrom, origin);
            Status.WaitStarted(ReaderWait.RestartBackoff);
            var stopped = stopping.WaitHandle.WaitOne(delay);
            Status.WaitEnded();
            if (stopped)
            {
                return Stopped(committedText);
            }
        }
    }

    /// <summary>Lists the collections to snapshot and logs the plan; false (with the failure) when MongoDB could not say.</summary>
    private bool TryPlanSnapshot(string trigger, SourceOffset? committed, CancellationToken stopping, out SnapshotProgress? snapshot, out Exception? failure)
    {
        snapshot = committed?.Snapshot;
        failure = null;
        try
        {
            var collections = _environment.CreateSnapshotReader().ListCollections(stopping);
            snapshot = new SnapshotProgress(collections.Select(c => new CollectionSnapshotProgress(c.Database, c.Collection, trigger, null, done: false, rows: 0)).ToList());
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var decision = SnapshotDecision.ForPlan(_settings, trigger, collections);
                PipelineLog.SnapshotDecision(_logger, decision);
            }
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // Whatever listing the collections throws ends this attempt like a failed cycle; the classifier decides.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
            return false;
        }
    }

    private PipelineExit Stopped(string committedText)
    {
        PipelineLog.Stopped(_logger, committedText);
        Status.SetPhase(PipelinePhase.Stopped);
        return PipelineExit.Success;
    }

    private PipelineExit Fail(string problem)
    {
        PipelineLog.Fatal(_logger, problem);
        Status.CycleFailed(problem);
        Status.SetPhase(PipelinePhase.Failed);
        return PipelineExit.Failed(problem);
    }
}
