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

    /// <summary>A new producer for one cycle, reporting deliveries to <paramref name="listener"/>.</summary>
    IRecordPublisher CreatePublisher(IDeliveryListener listener, int maxInFlightEvents);

    /// <summary>Where to start when nothing was committed in this process yet: checkpoint → mongodb.startAt → now.</summary>
    StartPosition ResolveStart(StoredCheckpoint? committed);
}
