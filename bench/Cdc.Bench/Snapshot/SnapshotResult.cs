using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Bench.Snapshot;

/// <summary>The snapshot benchmark's figures, printed as one JSON line.</summary>
internal sealed record SnapshotResult(
    int ChunkSize,
    int Parallelism,
    IReadOnlyList<DriverFindPass> FindPasses,
    IReadOnlyList<DriverFindPass> BatchFindPasses,
    IReadOnlyList<ConnectorSnapshotFigures> CdcRuns,
    DriverFindPass QuarterFind,
    ConnectorSnapshotFigures QuarterCdc,
    IReadOnlyList<ConnectorSnapshotFigures> OtherRuns)
{
    /// <summary>The target: the snapshot at ≥ 0.8 of the driver's own find, rows per second.</summary>
    public const double TargetRatio = 0.8;

    /// <summary>
    /// "Bounded by the chunk size, not the collection size", made checkable: from N/4 to N documents the peak RSS may grow
    /// by at most this share of the data added (a footprint that held the collection would grow by all of it).
    /// </summary>
    public const double BoundedGrowthShare = 0.1;

    /// <summary>cdc's best run (rows per second from its Snapshot: line to exit 0).</summary>
    public ConnectorSnapshotFigures Cdc => CdcRuns.MaxBy(run => run.RowsPerSecond)!;

    /// <summary>The best run of the build given with --cdc, or null.</summary>
    public ConnectorSnapshotFigures? Other => OtherRuns.Count == 0 ? null : OtherRuns.MaxBy(run => run.RowsPerSecond);

    /// <summary>The highest peak RSS of the runs at N documents.</summary>
    public double CdcPeakRssMb => CdcRuns.Max(run => run.PeakRssMb);

    /// <summary>The peer's best pass.</summary>
    public DriverFindPass Find => FindPasses.MaxBy(pass => pass.RowsPerSecond);

    /// <summary>The better pass of the find in batches of the chunk size.</summary>
    public DriverFindPass BatchFind => BatchFindPasses.MaxBy(pass => pass.RowsPerSecond);

    public long Bytes => Find.Bytes;

    public double CdcMegabytesPerSecond => Bytes / Cdc.SnapshotSeconds / 1e6;

    public double Ratio => Cdc.RowsPerSecond / Find.RowsPerSecond;

    public double RatioToBatchFind => Cdc.RowsPerSecond / BatchFind.RowsPerSecond;

    public double RatioFromProcessStart => Cdc.RowsPerSecondFromProcessStart / Find.RowsPerSecond;

    public double PeakRssGrowthMb => CdcPeakRssMb - QuarterCdc.PeakRssMb;

    /// <summary>The data added from N/4 to N documents, in MiB (as RSS is).</summary>
    public double AddedDataMb => (Bytes - QuarterFind.Bytes) / (1024.0 * 1024.0);

    public bool PeakRssBounded => PeakRssGrowthMb <= BoundedGrowthShare * AddedDataMb;

    public string ToJsonLine()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", "snapshot");
            json.WriteNumber("documents", Cdc.Rows);
            json.WriteNumber("bytes", Bytes);
            json.WriteNumber("avgDocumentBytes", Math.Round((double)Bytes / Cdc.Rows));
            json.WriteNumber("cdcRowsPerSecond", Math.Round(Cdc.RowsPerSecond));
            json.WriteNumber("cdcMegabytesPerSecond", Math.Round(CdcMegabytesPerSecond, 1));
            json.WriteNumber("findRowsPerSecond", Math.Round(Find.RowsPerSecond));
            json.WriteNumber("findMegabytesPerSecond", Math.Round(Find.MegabytesPerSecond, 1));
            json.WriteNumber("ratio", Math.Round(Ratio, 2));
            json.WriteNumber("cdcCpuSeconds", Math.Round(Cdc.CpuSeconds, 2));
            json.WriteNumber("cdcPeakRssMb", Math.Round(CdcPeakRssMb));
            json.WriteNumber("chunkSize", ChunkSize);
            json.WriteNumber("parallelism", Parallelism);
            json.WriteNumber("cdcRowsPerCpuSecond", Math.Round(Cdc.Rows / Cdc.CpuSeconds));
            json.WriteNumber("cdcSeconds", Math.Round(Cdc.SnapshotSeconds, 2));
            json.WriteNumber("cdcCommittedSeconds", Math.Round(Cdc.SnapshotToCommittedSeconds, 2));
            json.WriteNumber("cdcProcessSeconds", Math.Round(Cdc.ProcessSeconds, 2));
            json.WriteNumber("cdcRowsPerSecondFromProcessStart", Math.Round(Cdc.RowsPerSecondFromProcessStart));
            json.WriteNumber("ratioFromProcessStart", Math.Round(RatioFromProcessStart, 2));
            json.WriteStartArray("cdcRunsRowsPerSecond");
            foreach (var run in CdcRuns)
            {
                json.WriteNumberValue(Math.Round(run.RowsPerSecond));
            }

            json.WriteEndArray();
            json.WriteStartArray("findPassesRowsPerSecond");
            foreach (var pass in FindPasses)
            {
                json.WriteNumberValue(Math.Round(pass.RowsPerSecond));
            }

            json.WriteEndArray();
            json.WriteNumber("batchFindRowsPerSecond", Math.Round(BatchFind.RowsPerSecond));
            json.WriteNumber("ratioToBatchFind", Math.Round(RatioToBatchFind, 2));
            json.WriteStartArray("batchFindPassesRowsPerSecond");
            foreach (var pass in BatchFindPasses)
            {
                json.WriteNumberValue(Math.Round(pass.RowsPerSecond));
            }

            json.WriteEndArray();
            json.WriteNumber("findCpuSeconds", Math.Round(Find.CpuSeconds, 2));
            json.WriteNumber("sandboxCpuSecondsDuringFind", Math.Round(Find.SandboxCpuSeconds, 2));
            json.WriteNumber("sandboxCpuSecondsDuringBatchFind", Math.Round(BatchFind.SandboxCpuSeconds, 2));
            json.WriteNumber("sandboxCpuSecondsDuringCdc", Math.Round(Cdc.SandboxCpuSeconds, 2));
            json.WriteNumber("topicRecords", Cdc.TopicRecords);
            json.WriteStartObject("quarter");
            json.WriteNumber("documents", QuarterCdc.Rows);
            json.WriteNumber("bytes", QuarterFind.Bytes);
            json.WriteNumber("cdcRowsPerSecond", Math.Round(QuarterCdc.RowsPerSecond));
            json.WriteNumber("findRowsPerSecond", Math.Round(QuarterFind.RowsPerSecond));
            json.WriteNumber("cdcCpuSeconds", Math.Round(QuarterCdc.CpuSeconds, 2));
            json.WriteNumber("cdcPeakRssMb", Math.Round(QuarterCdc.PeakRssMb));
            json.WriteNumber("topicRecords", QuarterCdc.TopicRecords);
            json.WriteEndObject();
            if (Other is { } other)
            {
                json.WriteStartObject("otherCdc");
                json.WriteNumber("rowsPerSecond", Math.Round(other.RowsPerSecond));
                json.WriteStartArray("runsRowsPerSecond");
                foreach (var run in OtherRuns)
                {
                    json.WriteNumberValue(Math.Round(run.RowsPerSecond));
                }

                json.WriteEndArray();
                json.WriteNumber("cpuSeconds", Math.Round(other.CpuSeconds, 2));
                json.WriteNumber("peakRssMb", Math.Round(OtherRuns.Max(run => run.PeakRssMb)));
                json.WriteNumber("thisToOtherRatio", Math.Round(Cdc.RowsPerSecond / other.RowsPerSecond, 2));
                json.WriteEndObject();
            }

            json.WriteNumber("peakRssGrowthMb", Math.Round(PeakRssGrowthMb));
            json.WriteNumber("addedDataMb", Math.Round(AddedDataMb));
            json.WriteStartObject("targets");
            json.WriteBoolean("ratioAtLeast0_8", Ratio >= TargetRatio);
            json.WriteBoolean("peakRssBoundedByChunkSize", PeakRssBounded);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
