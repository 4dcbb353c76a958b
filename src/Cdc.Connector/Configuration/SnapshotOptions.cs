namespace Cdc.Connector.Configuration;

/// <summary>The snapshot.* keys: which existing documents are published, in what chunks, how many collections at once.</summary>
internal sealed class SnapshotOptions
{
    public SnapshotMode Mode { get; set; } = SnapshotMode.Initial;

    /// <summary>Documents per chunk: a chunk is read at once and held until the stream passes its read.</summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Collections with a chunk open at once.</summary>
    public int Parallelism { get; set; } = 2;

    /// <summary>When not empty, only these namespaces ("db" or "db.coll") of the stream's scope are snapshotted.</summary>
    public IReadOnlyList<string> IncludeNamespaces { get; set; } = [];

    /// <summary>Namespaces of the stream's scope that are not snapshotted.</summary>
    public IReadOnlyList<string> ExcludeNamespaces { get; set; } = [];
}
