using Cdc.Connector.Checkpoint;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// The outside world of the pipeline: where events come from, where records go, where checkpoints live. The `cdc`
/// program wires MongoDB, Kafka and the configured store (`Cdc.Cli.Runtime.ConnectorEnvironment`); tests wire fakes.
/// </summary>
internal interface IPipelineEnvironment
{
    /// <summary>For the start-up line: what is watched ("collection shop.orders at mongodb://…").</summary>
    string Watching { get; }

    ICheckpointStore CheckpointStore { get; }

    /// <summary>A new, unopened change stream for one cycle.</summary>
    IChangeStreamSource CreateSource();

    /// <summary>The reader of existing documents for snapshots (collections in scope, chunks in _id order).</summary>
    ISnapshotReader CreateSnapshotReader();

    /// <summary>
    /// The collections whose events the stream will publish, as far as they exist now (the configured collection for a
    /// collection-scope stream; those of the database or cluster that the namespace filters take in otherwise), for
    /// registering their schemas before the first event. Honours <paramref name="cancellationToken"/>.
    /// </summary>
    IReadOnlyList<SnapshotNamespace> ListWatchedCollections(CancellationToken cancellationToken);

    /// <summary>
    /// A new producer for one cycle, reporting deliveries to <paramref name="listener"/> and what became of records
    /// refused for their size after producing to <paramref name="oversizeOutcomes"/>.
    /// </summary>
    IRecordPublisher CreatePublisher(IDeliveryListener listener, int maxInFlightEvents, IOversizeOutcomes oversizeOutcomes);

    /// <summary>Where to start when nothing was committed in this process yet: checkpoint → mongodb.startAt → now.</summary>
    StartPosition ResolveStart(StoredCheckpoint? committed);
}
