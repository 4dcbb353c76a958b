using Cdc.Connector.Source;

namespace Cdc.Demo;

/// <summary>
/// Where the connector's snapshot of the seeded shop stands (docs/snapshots.md), for the live view, the progress line
/// and the summary: planned or not, the collections done, and the snapshot rows handed to Kafka out of about how many.
/// </summary>
internal sealed record SnapshotStatus
{
    /// <summary>The operationType of a snapshot row.</summary>
    public const string OperationType = "snapshot";

    /// <summary>Documents the demo wrote before the connector started.</summary>
    public required long SeededDocuments { get; init; }

    /// <summary>The connector has planned its snapshot (which collections it reads).</summary>
    public required bool Planned { get; init; }

    /// <summary>Every planned collection has been read to its end and its rows emitted.</summary>
    public required bool Complete { get; init; }

    public required int Collections { get; init; }

    public required int CollectionsDone { get; init; }

    /// <summary>Snapshot rows the connector handed to Kafka.</summary>
    public required long RowsPublished { get; init; }

    /// <summary>
    /// About how many rows the snapshot publishes in all: the seeded documents, or more when the connector's estimates
    /// (or what it already published) say so, since a document the workload inserted before its chunk was read is
    /// snapshotted too.
    /// </summary>
    public required long RowsExpected { get; init; }

    /// <summary>Snapshot rows emitted per collection ("customers"), as the connector's snapshot progress counts them.</summary>
    public required IReadOnlyDictionary<string, long> RowsByCollection { get; init; }

    public static SnapshotStatus Of(SeededShop seeded, SnapshotCounters counters, long rowsPublished)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        ArgumentNullException.ThrowIfNull(counters);
        var progress = counters.Progress;
        var collections = progress?.Collections ?? [];
        var estimated = collections.Sum(c => c.Done ? c.Rows : c.Rows + counters.EstimatedRemaining(c));
        var byCollection = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var collection in collections.Where(c => c.Database == DemoTopics.Database))
        {
            byCollection[collection.Collection] = collection.Rows;
        }

        return new SnapshotStatus
        {
            SeededDocuments = seeded.Documents,
            Planned = progress is not null,
            Complete = progress is { IsComplete: true },
            Collections = collections.Count,
            CollectionsDone = collections.Count(c => c.Done),
            RowsPublished = rowsPublished,
            RowsExpected = Math.Max(Math.Max(seeded.Documents, estimated), rowsPublished),
            RowsByCollection = byCollection,
        };
    }

    /// <summary>
    /// What the view shows after "snapshot": "1,234 of 8,200 rows (collections done 1/3)" while it runs,
    /// "complete, 8,200 rows (3 collections)" after.
    /// </summary>
    public string Describe()
    {
        if (!Planned)
        {
            return SeededDocuments == 0
                ? "-"
                : $"waiting for the connector to plan it ({DemoFormat.Count(SeededDocuments)} documents seeded)";
        }

        if (Collections == 0)
        {
            return "none: the shop held no collection when the connector started";
        }

        return Complete
            ? $"complete, {DemoFormat.Count(RowsPublished)} rows ({Collections} collections)"
            : $"{DemoFormat.Count(RowsPublished)} of {DemoFormat.Count(RowsExpected)} rows (collections done {CollectionsDone}/{Collections})";
    }
}
