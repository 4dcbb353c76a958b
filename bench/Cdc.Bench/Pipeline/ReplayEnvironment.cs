using Cdc.Bench.Transcode;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Bench.Pipeline;

/// <summary>The pipeline's outside world for one benchmark pass: recorded events in, the real Kafka producer out, an in-memory store.</summary>
internal sealed class ReplayEnvironment(GeneratedEvents events, KafkaOptions kafka, string topicPrefix, IReadOnlyList<string> topics, bool capture) : IPipelineEnvironment
{
    private static readonly TimeSpan PrimeTimeout = TimeSpan.FromSeconds(30);

    public string Watching => $"{events.Count:N0} recorded events (benchmark)";

    public MemoryCheckpointStore Store { get; } = new();

    public ICheckpointStore CheckpointStore => Store;

    public ReplaySource? Source { get; private set; }

    public CapturingPublisher? Capture { get; private set; }

    public IChangeStreamSource CreateSource()
    {
        if (Source is not null)
        {
            throw new InvalidOperationException("The pipeline restarted during the benchmark: a cycle failed (see the runner's exit).");
        }

        Source = new ReplaySource(events);
        return Source;
    }

    /// <summary>The benchmark's settings never snapshot (snapshot.mode never): a request for a reader is a bug.</summary>
    public ISnapshotReader CreateSnapshotReader() =>
        throw new InvalidOperationException("The pipeline benchmark replays recorded events and has no collections to snapshot.");

    /// <summary>None: the benchmark's figures stay those of the per-event path, which registers each topic's schemas on its first event as before.</summary>
    public IReadOnlyList<SnapshotNamespace> ListWatchedCollections(CancellationToken cancellationToken) => [];

    public IRecordPublisher CreatePublisher(IDeliveryListener listener, int maxInFlightEvents, IOversizeOutcomes oversizeOutcomes)
    {
        var publisher = new KafkaRecordPublisher(kafka, listener, maxInFlightEvents, NullLogger<KafkaRecordPublisher>.Instance);
        Prime(publisher);
        if (!capture)
        {
            return publisher;
        }

        Capture = new CapturingPublisher(publisher, topicPrefix);
        return Capture;
    }

    /// <summary>
    /// A new producer spends its first second or so connecting and getting its idempotent producer id; the raw side
    /// waits that out too (<see cref="RawProducePass"/>), so neither figure includes it. One small record per topic,
    /// flushed before the cycle tracks anything: the watermark ignores reports for sequences it never tracked, and
    /// the flush guarantees no priming report can arrive once event 0 reuses the handler slot.
    /// </summary>
    private void Prime(KafkaRecordPublisher publisher)
    {
        foreach (var topic in topics)
        {
            publisher.Produce(topic, null, RawProducePass.PrimeValue, sequence: 0);
        }

        if (!publisher.Flush(PrimeTimeout))
        {
            throw new TimeoutException($"The embedded Kafka did not acknowledge the priming records within {PrimeTimeout.TotalSeconds:N0} s.");
        }
    }

    public StartPosition ResolveStart(StoredCheckpoint? committed) => StartPosition.Now("benchmark replay");
}
