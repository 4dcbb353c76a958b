namespace Cdc.Connector.Checkpoint;

/// <summary>
/// Durable storage of the committed position. Save is atomic: after a crash at any moment, Load returns either the
/// previous or the new checkpoint, never a mix. Failures throw <see cref="CheckpointStoreException"/> with a message
/// that names the store and the fix.
/// </summary>
internal interface ICheckpointStore : IDisposable
{
    /// <summary>For logs and errors: "file /var/lib/cdc/orders.json", "kafka topic cdc.checkpoints key orders", ….</summary>
    string Description { get; }

    /// <summary>This pipeline's checkpoint, or null when none was ever saved. Corrupt content is an error, not null.</summary>
    Task<StoredCheckpoint?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes this process the pipeline's one writer until the store is disposed (`cdc run` calls it before the first
    /// load; `cdc check` never does). Throws <see cref="CheckpointStoreException"/> naming the holder and the fix when
    /// another live instance holds the pipeline. Once another instance has taken over, <see cref="SaveAsync"/> throws
    /// <see cref="WriterFencedException"/> instead of writing.
    /// </summary>
    Task ClaimWriterAsync(CancellationToken cancellationToken);

    /// <summary>Durably replaces this pipeline's checkpoint; returns only once it would survive a crash.</summary>
    Task SaveAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Proves the store accepts writes the way <see cref="SaveAsync"/> makes them, without touching this pipeline's
    /// checkpoint (a connector may be running on it): writes and removes a probe beside it. Throws
    /// <see cref="CheckpointStoreException"/> naming the store and the fix when it cannot.
    /// </summary>
    Task ProbeWriteAsync(CancellationToken cancellationToken);
}
