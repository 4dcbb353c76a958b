namespace Cdc.Connector.Source;

/// <summary>
/// Where `cdc snapshot` leaves a request for the running connector: beside the checkpoint, in the checkpoint store, with
/// the store's own access control (file permissions, Kafka ACLs, MongoDB roles) as the authentication. One request at a
/// time per pipeline: a new one replaces one not yet accepted.
/// </summary>
internal interface ISnapshotRequestChannel
{
    /// <summary>Stores <paramref name="request"/> (replacing any earlier one) without touching the checkpoint.</summary>
    Task SendAsync(SnapshotRequest request, CancellationToken cancellationToken);

    /// <summary>The request waiting, or null.</summary>
    Task<SnapshotRequest?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="request"/> once its collections are committed in the snapshot progress (a newer request stays).</summary>
    Task AcknowledgeAsync(SnapshotRequest request, CancellationToken cancellationToken);
}
