using System.Globalization;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Source;

namespace Cdc.Connector.Pipeline;

/// <summary>The start-up line's words for what will be snapshotted and why (docs/snapshots.md).</summary>
internal static class SnapshotDecision
{
    /// <summary>A new plan: which collections, why, and how.</summary>
    public static string ForPlan(PipelineSettings settings, string trigger, IReadOnlyList<SnapshotNamespace> collections)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(collections);
        var why = trigger switch
        {
            SnapshotTriggers.Initial => $"snapshot.mode {ConfigurationSchema.WordOf(settings.SnapshotMode)} and no checkpoint (the pipeline's first start)",
            SnapshotTriggers.HistoryLost => "snapshot.mode whenNeeded and the resume position was lost",
            _ => trigger,
        };
        if (collections.Count == 0)
        {
            return $"{why}: no collection in scope to snapshot";
        }

        var names = string.Join(", ", collections.Take(10).Select(c => c.ToString())) + (collections.Count > 10 ? $", … ({collections.Count - 10} more)" : string.Empty);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{why}: snapshotting {collections.Count} collection(s) ({names}) in chunks of {settings.SnapshotChunkSize} documents, {settings.SnapshotParallelism} collection(s) at a time, while the change stream runs");
    }

    /// <summary>A start with a checkpoint: continue its snapshot, or none.</summary>
    public static string ForCheckpoint(PipelineSettings settings, StoredCheckpoint? loaded)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mode = ConfigurationSchema.WordOf(settings.SnapshotMode);
        if (settings.SnapshotMode == SnapshotMode.InitialOnly && loaded?.Snapshot is not { IsComplete: false })
        {
            var state = loaded?.Snapshot is null ? "holds no snapshot" : "holds a complete snapshot";
            return $"the checkpoint {state}, so snapshot.mode initialOnly has nothing to do and stops (the snapshot is complete or was never planned; `cdc snapshot` asks a running connector for another)";
        }

        return loaded?.Snapshot switch
        {
            _ when loaded is null => $"snapshot.mode {mode}: no snapshot; only changes are published",
            { IsComplete: false } snapshot => $"the checkpoint holds a snapshot in progress, continuing after each collection's last acknowledged chunk: {snapshot.Describe()}",
            { } => $"the checkpoint's snapshot is complete; only changes are published (snapshot.mode {mode})",
            null => $"the checkpoint holds no snapshot (written with snapshot.mode never or by a release before snapshots); only changes are published",
        };
    }
}
