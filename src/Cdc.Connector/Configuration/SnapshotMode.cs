namespace Cdc.Connector.Configuration;

/// <summary>snapshot.mode: when the documents that already exist are published (docs/snapshots.md).</summary>
internal enum SnapshotMode
{
    /// <summary>On the pipeline's first start (no checkpoint), snapshot every collection in scope, then continue with changes.</summary>
    Initial,

    /// <summary>Never snapshot: only changes made after the start position are published.</summary>
    Never,

    /// <summary>As <see cref="Initial"/>, then commit and exit 0 once the snapshot is complete.</summary>
    InitialOnly,

    /// <summary>As <see cref="Initial"/>, and also snapshot again, from now, when the resume position is lost.</summary>
    WhenNeeded,
}
