namespace Cdc.Bench.Snapshot;

/// <summary>
/// One read of the whole collection by the driver's find: documents, their BSON bytes, wall seconds, the reading process's
/// CPU seconds, and the CPU seconds `cdc sandbox` spent meanwhile (serving it).
/// </summary>
internal readonly record struct DriverFindPass(long Rows, long Bytes, double Seconds, double CpuSeconds, double SandboxCpuSeconds)
{
    public double RowsPerSecond => Rows / Seconds;

    public double MegabytesPerSecond => Bytes / Seconds / 1e6;
}
