namespace Cdc.Bench.Snapshot;

/// <summary>
/// One `cdc run` with snapshot.mode initialOnly, as measured: wall seconds from process start to its exit 0, from its
/// <c>Snapshot:</c> start-up line (event 116) to the exit, and to the line saying the snapshot is committed (event
/// 117); its CPU seconds and peak RSS; the records its topic received; the CPU seconds `cdc sandbox` spent over the
/// process's life (serving its reads, the embedded Kafka taking its records).
/// </summary>
internal sealed record ConnectorSnapshotFigures(
    long Rows,
    double ProcessSeconds,
    double SnapshotSeconds,
    double SnapshotToCommittedSeconds,
    double CpuSeconds,
    double PeakRssMb,
    long TopicRecords,
    double SandboxCpuSeconds)
{
    /// <summary>Rows over the time from the Snapshot: line to exit 0: the snapshot itself, its flush, commit and exit.</summary>
    public double RowsPerSecond => Rows / SnapshotSeconds;

    /// <summary>Rows over the whole process's life, start-up (runtime, JIT, connecting) included.</summary>
    public double RowsPerSecondFromProcessStart => Rows / ProcessSeconds;
}
