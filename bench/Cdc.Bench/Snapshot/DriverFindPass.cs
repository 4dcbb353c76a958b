namespace Cdc.Bench.Snapshot;

/// <summary>One read of the whole collection by the driver's find: documents, their BSON bytes, wall seconds.</summary>
internal readonly record struct DriverFindPass(long Rows, long Bytes, double Seconds)
{
    public double RowsPerSecond => Rows / Seconds;

    public double MegabytesPerSecond => Bytes / Seconds / 1e6;
}
