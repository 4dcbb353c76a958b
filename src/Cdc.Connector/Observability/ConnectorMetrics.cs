using System.Diagnostics.Metrics;

namespace Cdc.Connector.Observability;

/// <summary>
/// The connector's instruments on one <see cref="Meter"/> ("Cdc.Connector"). Everything but the added-latency histogram
/// is observable: it reads <see cref="PipelineCounters"/> and <see cref="ConnectorStatus"/> only when a scrape asks,
/// so the pipeline pays nothing for it. Names follow OpenTelemetry's dotted style with units; the Prometheus exporter
/// turns them into <c>cdc_…_total</c>, <c>…_seconds</c> and <c>…_bytes</c> (see docs/connector.md, "Operations").
/// </summary>
internal sealed class ConnectorMetrics : IDisposable
{
    public const string MeterName = "Cdc.Connector";

    /// <summary>1 ms to 60 s: a healthy connector adds milliseconds; an outage shows up in the top buckets.</summary>
    public static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Every kind label of cdc_errors_total, reported even at 0 so alerts can rate() them from the start.</summary>
    public static readonly string[] ErrorKindLabels =
    [
        ErrorKinds.Source, ErrorKinds.ResumePositionLost, ErrorKinds.Kafka, ErrorKinds.SchemaRegistry, ErrorKinds.Event, ErrorKinds.Checkpoint, ErrorKinds.Other,
    ];

    private readonly PipelineCounters _counters;
    private readonly ConnectorStatus _status;
    private readonly TimeProvider _time;

    public ConnectorMetrics(PipelineCounters counters, ConnectorStatus status, string version, TimeProvider? time = null)
    {
        _counters = counters;
        _status = status;
        _time = time ?? TimeProvider.System;
        Meter = new Meter(MeterName, version);
        var latency = Meter.CreateHistogram<double>(
            "cdc.added_latency",
            "s",
            "Time from reading an event to Kafka acknowledging its last record: the latency the connector adds.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        AddedLatency = new AddedLatencyRecorder(latency);

        Meter.CreateObservableCounter("cdc.events.read", ReadByOperationType, "{event}", "Change events read from the change stream, by operation type.");
        Meter.CreateObservableCounter("cdc.events.published", PublishedByOperationType, "{event}", "Change events handed to the Kafka producer, by operation type.");
        Meter.CreateObservableCounter("cdc.tombstones", () => _counters.Tombstones, "{record}", "Tombstones (null-value records) produced after deletes.");
        Meter.CreateObservableCounter("cdc.dead_lettered", () => _counters.DeadLettered, "{event}", "Events sent to kafka.deadLetterTopic.");
        Meter.CreateObservableCounter(
            "cdc.oversize_events", OversizeByOutcome, "{event}",
            "Events whose record was over kafka.producer.message.max.bytes, by what mapping.oversize made of them: failed, dead_lettered, referenced.");
        Meter.CreateObservableCounter("cdc.events.skipped", () => _counters.EventsSkipped, "{event}", "Events published as no record: keyless events under mapping.keylessEvents=skip, and with typed values an update or replace that arrived without its document.");
        Meter.CreateObservableCounter("cdc.errors", ErrorsByKind, "{error}", "Failures by kind: what ended a pipeline cycle, and failed checkpoint saves.");
        Meter.CreateObservableCounter("cdc.restarts", () => _counters.Restarts, "{restart}", "Pipeline restarts after a failed cycle.");
        Meter.CreateObservableCounter(
            "cdc.resume_position_lost_restarts", () => _counters.HistoryLostRestarts, "{restart}",
            "Restarts from now after the resume position was lost (mongodb.onHistoryLost=restartFromNow): changes were skipped.");
        Meter.CreateObservableCounter("cdc.checkpoints.committed", () => _counters.CheckpointsCommitted, "{checkpoint}", "Checkpoints saved to the store.");
        Meter.CreateObservableGauge("cdc.in_flight.events", () => _status.InFlightEvents, "{event}", "Events read but not yet committable (bounded by pipeline.maxInFlightEvents).");
        Meter.CreateObservableGauge("cdc.in_flight", () => _status.InFlightBytes, "By", "Record bytes read but not yet committable (bounded by pipeline.maxInFlightBytes).");
        Meter.CreateObservableGauge("cdc.source.lag", SourceLag, "s", "Now minus the wallTime of the last event read; about 0 when the stream is caught up.");
        Meter.CreateObservableGauge("cdc.checkpoint.age", CheckpointAge, "s", "Time since this process last saved a checkpoint.");
        Meter.CreateObservableGauge(
            "cdc.checkpoint.cluster_time", CheckpointClusterTime, "s", "Cluster time of the committed resume position, as Unix seconds.");
        Meter.CreateObservableGauge("cdc.reader.heartbeat_age", () => _status.SinceLastBeat.TotalSeconds, "s", "Time since the reading thread last returned or reported a designed wait.");
        Meter.CreateObservableGauge(
            "cdc.reader.waiting", () => _status.IsWaiting ? 1 : 0, "1",
            "1 while the reading thread waits as designed: back-pressure, a Schema Registry retry, the restart backoff, a flush.");
        Meter.CreateObservableGauge("cdc.kafka.reachable", KafkaReachable, "1", "1 when the last Kafka metadata probe succeeded, 0 when it failed.");
        Meter.CreateObservableGauge("cdc.pipeline.phase", Phases, "1", "1 for the pipeline's current phase, 0 for the others.");
        var snapshot = _counters.SnapshotRows;
        Meter.CreateObservableCounter("cdc.snapshot.rows.read", () => snapshot.RowsRead, "{row}", "Documents read by snapshot chunks.");
        Meter.CreateObservableCounter("cdc.snapshot.rows.emitted", () => snapshot.RowsEmitted, "{row}", "Snapshot rows handed to the producer.");
        Meter.CreateObservableCounter(
            "cdc.snapshot.rows.dropped", () => snapshot.RowsDropped, "{row}",
            "Snapshot rows not emitted because a change of the same document arrived while their chunk's window was open.");
        Meter.CreateObservableCounter("cdc.snapshot.chunks", () => snapshot.Chunks, "{chunk}", "Snapshot chunks read.");
        Meter.CreateObservableGauge("cdc.snapshot.collections.remaining", () => snapshot.Progress?.Remaining ?? 0, "{collection}", "Collections whose snapshot is not finished.");
        Meter.CreateObservableGauge("cdc.snapshot.collection.rows", SnapshotRowsByCollection, "{row}", "Snapshot rows published per collection of the current or last snapshot.");
        Meter.CreateObservableGauge(
            "cdc.snapshot.collection.remaining", SnapshotRemainingByCollection, "{row}",
            "Documents estimated left to snapshot per unfinished collection (its estimated count at the start less the rows published).");
        Meter.CreateObservableGauge(
            "cdc.build.info", () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", version)), "1", "The connector's version, as a label.");
    }

    public Meter Meter { get; }

    /// <summary>The <see cref="Checkpoint.IAckLatencyObserver"/> the pipeline settings of the host are given.</summary>
    public AddedLatencyRecorder AddedLatency { get; }

    public void Dispose() => Meter.Dispose();

    private static List<Measurement<long>> ByLabel(IReadOnlyDictionary<string, long> counts, string label)
    {
        var measurements = new List<Measurement<long>>(counts.Count);
        foreach (var (key, count) in counts)
        {
            measurements.Add(new Measurement<long>(count, new KeyValuePair<string, object?>(label, key)));
        }

        return measurements;
    }

    private List<Measurement<long>> SnapshotRowsByCollection() =>
        (_counters.SnapshotRows.Progress?.Collections ?? [])
            .Select(c => new Measurement<long>(c.Rows, new KeyValuePair<string, object?>("namespace", c.Namespace)))
            .ToList();

    private List<Measurement<long>> SnapshotRemainingByCollection() =>
        (_counters.SnapshotRows.Progress?.Collections ?? [])
            .Where(c => !c.Done)
            .Select(c => new Measurement<long>(_counters.SnapshotRows.EstimatedRemaining(c), new KeyValuePair<string, object?>("namespace", c.Namespace)))
            .ToList();

    private List<Measurement<long>> ReadByOperationType() => ByLabel(_counters.ReadByOperationType(), "operation_type");

    private List<Measurement<long>> PublishedByOperationType() => ByLabel(_counters.PublishedByOperationType(), "operation_type");

    /// <summary>Every outcome, even at 0, so an alert can rate() failed from the start.</summary>
    private Measurement<long>[] OversizeByOutcome() =>
    [
        new(_counters.OversizeFailed, new KeyValuePair<string, object?>("outcome", "failed")),
        new(_counters.OversizeDeadLettered, new KeyValuePair<string, object?>("outcome", "dead_lettered")),
        new(_counters.OversizeReferenced, new KeyValuePair<string, object?>("outcome", "referenced")),
    ];

    private List<Measurement<long>> ErrorsByKind()
    {
        var counts = _counters.ErrorsByKind();
        var measurements = new List<Measurement<long>>(ErrorKindLabels.Length);
        foreach (var kind in ErrorKindLabels)
        {
            measurements.Add(new Measurement<long>(counts.GetValueOrDefault(kind), new KeyValuePair<string, object?>("kind", kind)));
        }

        foreach (var (kind, count) in counts)
        {
            if (Array.IndexOf(ErrorKindLabels, kind) < 0)
            {
                measurements.Add(new Measurement<long>(count, new KeyValuePair<string, object?>("kind", kind)));
            }
        }

        return measurements;
    }

    private Measurement<double>[] SourceLag() =>
        _status.SourceLagSeconds is { } lag ? [new Measurement<double>(lag)] : [];

    private Measurement<double>[] CheckpointAge() =>
        _status.LastCheckpointAt is { } at ? [new Measurement<double>(Math.Max(0, (_time.GetUtcNow() - at).TotalSeconds))] : [];

    private Measurement<double>[] CheckpointClusterTime() =>
        ResumeTokenClock.UnixMilliseconds(_status.CommittedPosition) is { } ms ? [new Measurement<double>(ms / 1000.0)] : [];

    private Measurement<int>[] KafkaReachable() =>
        _status.KafkaReachable is { } reachable ? [new Measurement<int>(reachable ? 1 : 0)] : [];

    private Measurement<int>[] Phases()
    {
        var current = _status.Phase;
        var measurements = new Measurement<int>[PhaseNames.All.Length];
        for (var i = 0; i < measurements.Length; i++)
        {
            var phase = PhaseNames.All[i];
            measurements[i] = new Measurement<int>(phase == current ? 1 : 0, new KeyValuePair<string, object?>("phase", PhaseNames.Of(phase)));
        }

        return measurements;
    }
}
