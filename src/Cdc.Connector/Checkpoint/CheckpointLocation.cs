namespace Cdc.Connector.Checkpoint;

/// <summary>
/// Where a stored checkpoint came from, for error messages: what to call it ("file /var/lib/cdc/orders.json") and what
/// an operator can do when it is unreadable ("delete the file to start from mongodb.startAt, losing the position").
/// </summary>
internal sealed record CheckpointLocation(string Description, string Fix);
