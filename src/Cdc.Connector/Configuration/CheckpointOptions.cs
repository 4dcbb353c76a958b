namespace Cdc.Connector.Configuration;

internal sealed class CheckpointOptions
{
    public CheckpointStoreKind Store { get; set; } = CheckpointStoreKind.File;

    public string? Path { get; set; }

    public string? Topic { get; set; }

    /// <summary>The mongodb store's collection as "db.coll", on the cluster of mongodb.uri.</summary>
    public string? Collection { get; set; }

    public int IntervalMs { get; set; } = 1000;
}
