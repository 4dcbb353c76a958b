using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;

namespace Cdc.Connector.Observability;

/// <summary>
/// The connector's live state, written by the pipeline's threads and read by /healthz, /readyz, /metrics and the demo.
/// Every member is safe to call from any thread; the writers are cheap enough for the reading thread's hot path (a few
/// volatile stores, no locks, no allocation).
/// </summary>
internal sealed class ConnectorStatus
{
    private readonly TimeProvider _time;
    private readonly Lock _checkpointLock = new();
    private int _phase = (int)PipelinePhase.Starting;
    private long _lastBeat;
    private int _wait;
    private long _waitStartedAt;
    private RegistryOutage? _registryOutage;
    private long _sourceReferenceMs = long.MinValue;
    private long _lastEventWallTimeMs = long.MinValue;
    private AckWatermark? _watermark;
    private ResumePosition? _committed;
    private DateTimeOffset? _lastCheckpointAt;
    private string? _checkpointError;
    private int _kafkaReachable = -1;
    private string? _kafkaDetail;
    private string? _lastFailure;

    public ConnectorStatus(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _lastBeat = _time.GetTimestamp();
    }

    public PipelinePhase Phase => (PipelinePhase)Volatile.Read(ref _phase);

    /// <summary>The pipeline's snapshot totals, for /readyz's report of a snapshot's progress; set by the runner.</summary>
    public Source.SnapshotCounters? Snapshot { get; set; }

    public void SetPhase(PipelinePhase phase)
    {
        Volatile.Write(ref _phase, (int)phase);
        Beat();
    }

    // ------------------------------------------------------------------ liveness

    /// <summary>
    /// The reading thread is alive: it returned from a read, or it is waiting as designed (back-pressure, restart
    /// backoff). /healthz fails only when this stops for much longer than any designed wait.
    /// </summary>
    public void Beat() => Volatile.Write(ref _lastBeat, _time.GetTimestamp());

    public TimeSpan SinceLastBeat => _time.GetElapsedTime(Volatile.Read(ref _lastBeat));

    /// <summary>
    /// The reading thread enters a wait that lasts as long as something outside does (room in Kafka's queue, the
    /// Schema Registry, the restart backoff): it is alive however long that takes, so /healthz passes meanwhile. /readyz
    /// reads <paramref name="reason"/> and how long the wait has lasted: a long one means nothing moves.
    /// </summary>
    public void WaitStarted(ReaderWait reason)
    {
        var now = _time.GetTimestamp();
        Volatile.Write(ref _waitStartedAt, now);
        Volatile.Write(ref _wait, (int)reason);
        Volatile.Write(ref _lastBeat, now);
    }

    public void WaitEnded()
    {
        Volatile.Write(ref _wait, (int)ReaderWait.None);
        Beat();
    }

    /// <summary>Between <see cref="WaitStarted"/> and <see cref="WaitEnded"/>.</summary>
    public bool IsWaiting => CurrentWait != ReaderWait.None;

    /// <summary>What the reading thread waits for now; <see cref="ReaderWait.None"/> when it is not waiting.</summary>
    public ReaderWait CurrentWait => (ReaderWait)Volatile.Read(ref _wait);

    /// <summary>How long the current wait has lasted; zero when not waiting.</summary>
    public TimeSpan CurrentWaitDuration =>
        CurrentWait == ReaderWait.None ? TimeSpan.Zero : _time.GetElapsedTime(Volatile.Read(ref _waitStartedAt));

    // ------------------------------------------------------------------ schema registry

    /// <summary>
    /// A Schema Registry call for <paramref name="subject"/> failed and will be retried (attempt
    /// <paramref name="attempt"/> in a row): reading is paused until it answers. The outage keeps the time of its first
    /// failure.
    /// </summary>
    public void RegistryFailed(string subject, int attempt, string problem)
    {
        var since = Volatile.Read(ref _registryOutage)?.SinceTimestamp ?? _time.GetTimestamp();
        Volatile.Write(ref _registryOutage, new RegistryOutage(subject, attempt, problem, since));
    }

    /// <summary>The registry answered (or the wait for it ended): no outage any more.</summary>
    public void RegistryAnswered() => Volatile.Write(ref _registryOutage, null);

    /// <summary>The registry outage that pauses reading now; null while the registry answers.</summary>
    public RegistryOutage? RegistryOutage => Volatile.Read(ref _registryOutage);

    /// <summary>How long ago <paramref name="timestamp"/> (of this status's clock) was.</summary>
    public TimeSpan Since(long timestamp) => _time.GetElapsedTime(timestamp);

    // ------------------------------------------------------------------ source lag

    /// <summary>The stream opened at a position whose cluster time is known (a checkpoint), or at now (null).</summary>
    public void StreamOpened(long? positionTimeMs) =>
        Volatile.Write(ref _sourceReferenceMs, positionTimeMs ?? NowMs());

    /// <summary>An event was read: the lag is measured from its wallTime (or cluster time when it has none).</summary>
    public void EventRead(long wallTimeMs)
    {
        Volatile.Write(ref _lastEventWallTimeMs, wallTimeMs);
        Volatile.Write(ref _sourceReferenceMs, wallTimeMs);
    }

    /// <summary>
    /// A batch ended. An empty batch means the stream had nothing newer when the server answered: the reader is caught
    /// up as of now. A non-empty one moves the reference to its postBatchResumeToken's cluster time, when that is newer.
    /// </summary>
    public void BatchEnded(bool empty, long? postBatchTokenTimeMs)
    {
        var reference = empty ? NowMs() : postBatchTokenTimeMs ?? long.MinValue;
        if (reference > Volatile.Read(ref _sourceReferenceMs))
        {
            Volatile.Write(ref _sourceReferenceMs, reference);
        }
    }

    /// <summary>now − (wallTime of the last event, or the time the stream was last known caught up); null before the stream opened.</summary>
    public double? SourceLagSeconds
    {
        get
        {
            var reference = Volatile.Read(ref _sourceReferenceMs);
            return reference == long.MinValue ? null : Math.Max(0, NowMs() - reference) / 1000.0;
        }
    }

    /// <summary>The wallTime of the last event read, as Unix milliseconds; null before the first event.</summary>
    public long? LastEventWallTimeMs
    {
        get
        {
            var value = Volatile.Read(ref _lastEventWallTimeMs);
            return value == long.MinValue ? null : value;
        }
    }

    // ------------------------------------------------------------------ in flight

    /// <summary>The current cycle's watermark (null between cycles): in-flight events and bytes are read from it.</summary>
    public void SetWatermark(AckWatermark? watermark) => Volatile.Write(ref _watermark, watermark);

    public long InFlightEvents => Volatile.Read(ref _watermark)?.InFlightEvents ?? 0;

    public long InFlightBytes => Volatile.Read(ref _watermark)?.InFlightBytes ?? 0;

    // ------------------------------------------------------------------ checkpoint

    public void CheckpointSaved(ResumePosition position)
    {
        lock (_checkpointLock)
        {
            _committed = position;
            _lastCheckpointAt = _time.GetUtcNow();
            _checkpointError = null;
        }
    }

    public void CheckpointSaveFailed(string error)
    {
        lock (_checkpointLock)
        {
            _checkpointError = error;
        }
    }

    /// <summary>The checkpoint loaded at start (not saved by this process, so it leaves the save time unknown).</summary>
    public void CheckpointLoaded(ResumePosition? position)
    {
        lock (_checkpointLock)
        {
            _committed ??= position;
        }
    }

    public ResumePosition? CommittedPosition
    {
        get
        {
            lock (_checkpointLock)
            {
                return _committed;
            }
        }
    }

    /// <summary>When this process last saved a checkpoint; null before the first save.</summary>
    public DateTimeOffset? LastCheckpointAt
    {
        get
        {
            lock (_checkpointLock)
            {
                return _lastCheckpointAt;
            }
        }
    }

    /// <summary>The last save's error while saves keep failing; null once one succeeds.</summary>
    public string? CheckpointError
    {
        get
        {
            lock (_checkpointLock)
            {
                return _checkpointError;
            }
        }
    }

    // ------------------------------------------------------------------ kafka reachability

    /// <summary>What the last look at the Kafka cluster found (a metadata request, or a broker-down report).</summary>
    public void KafkaObserved(bool reachable, string? detail)
    {
        Volatile.Write(ref _kafkaDetail, detail);
        Volatile.Write(ref _kafkaReachable, reachable ? 1 : 0);
    }

    /// <summary>null until Kafka was looked at.</summary>
    public bool? KafkaReachable => Volatile.Read(ref _kafkaReachable) switch
    {
        1 => true,
        0 => false,
        _ => null,
    };

    public string? KafkaDetail => Volatile.Read(ref _kafkaDetail);

    // ------------------------------------------------------------------ failures

    /// <summary>The last cycle failure's description (kept after recovery, for the demo and /readyz's body).</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    public void CycleFailed(string description) => Volatile.Write(ref _lastFailure, description);

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
