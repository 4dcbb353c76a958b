namespace Cdc.Connector.Configuration;

internal sealed class CheckpointOptions
{
    /// <summary>file | kafka | mongodb.</summary>
    public string Store { get; set; } = "file";

    public string? Path { get; set; }

    public string? Topic { get; set; }

    /// <summary>The mongodb store's collection as "db.coll", on the cluster of mongodb.uri.</summary>
    public string? Collection { get; set; }

    public int IntervalMs { get; set; } = 1000;
}
