using Cdc.Connector.Checkpoint;
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
    public PipelineRunner(
        IPipelineEnvironment environment,
        PipelineSettings settings,
        MappingOptions mapping,
        SchemaIdCache schemaIds,
        ILogger logger,
        PipelineCounters? counters = null,
        ConnectorStatus? status = null)
    {
        _environment = environment;
        _settings = settings;
        _logger = logger;
        Counters = counters ?? new PipelineCounters();
        Status = status ?? new ConnectorStatus();
        _encoding = new EventEncoding(new ChangeEventMapper(mapping), schemaIds, new PipelineBuffers());
        _observers = new PipelineObservers(Counters, Status, logger);
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
        var committed = loaded?.Position;
        var backoff = new JitteredBackoff(_settings.RestartBackoff, _settings.RestartBackoffMax);
        var cycle = new PipelineCycle(_environment, _settings, _encoding, _observers);
        while (true)
        {
            var result = cycle.Run(start, committed, stopping);
            committed = result.LastCommitted ?? committed;
            var committedText = committed?.Describe() ?? "none";

            // A captured start time that could not be saved is still where this process must continue from.
            var restartPoint = committed ?? result.UnsavedStart;
            switch (result.End)
            {
                case CycleEnd.Stopped:
                    return Stopped(committedText);
                case CycleEnd.Invalidated:
                    PipelineLog.Invalidated(_logger, committedText, _settings.ReopenOnInvalidate ? "reopen" : "stop");
                    if (!_settings.ReopenOnInvalidate || stopping.IsCancellationRequested)
                    {
                        return Stopped(committedText);
                    }

                    start = restartPoint is null
                        ? _environment.ResolveStart(loaded)
                        : StartPosition.From(restartPoint, "reopening after the invalidate event (mongodb.onInvalidate=reopen)");
                    continue;
                default:
                    break;
            }

            var failure = result.Failure!;
            var restartText = restartPoint?.Describe();
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
            if (action == FailureAction.RestartFromNow)
            {
                Counters.RestartedAfterHistoryLost();
                PipelineLog.HistoryLostRestart(_logger, restartText ?? "its start position", failure.Message, Counters.HistoryLostRestarts);
                start = StartPosition.Now("mongodb.onHistoryLost=restartFromNow after the resume position was lost");
                origin = start.Reason;
            }
            else if (restartPoint is null)
            {
                start = _environment.ResolveStart(loaded);
                origin = start.Reason;
            }
            else
            {
                start = StartPosition.From(restartPoint, "last committed checkpoint, restarting after a failure");
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
