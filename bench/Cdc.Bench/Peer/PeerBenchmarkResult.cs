using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Bench.Peer;

/// <summary>
/// The peer benchmark's figures, printed as one JSON line. Each side's rate and events per CPU second are those of its
/// best run; "events per CPU second" counts the CPU time from the first event published to the last acknowledged
/// (the catch-up itself), the "wholeProcess" figures the process's CPU time from its start; peak RSS is the highest of
/// a side's runs.
/// </summary>
internal sealed record PeerBenchmarkResult(int Events, double AvgDocumentBytes, IReadOnlyList<PeerRunFigures> CdcRuns, IReadOnlyList<PeerRunFigures> PeerRuns)
{
    /// <summary>Issue 18's targets: cdc at least 5× the bridge's events per CPU second, and at least 100,000 of its own.</summary>
    public const double TargetRatio = 5;
    public const double TargetCdcEventsPerCpuSecond = 100_000;

    public double CdcEventsPerCpuSecond => CdcRuns.Max(run => run.CatchUpEventsPerCpuSecond);

    public double PeerEventsPerCpuSecond => PeerRuns.Max(run => run.CatchUpEventsPerCpuSecond);

    public double Ratio => CdcEventsPerCpuSecond / PeerEventsPerCpuSecond;

    public double WholeProcessRatio => CdcRuns.Max(run => run.EventsPerCpuSecond) / PeerRuns.Max(run => run.EventsPerCpuSecond);

    public string ToJsonLine()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", "peer");
            json.WriteNumber("events", Events);
            json.WriteNumber("avgDocumentBytes", Math.Round(AvgDocumentBytes));
            json.WriteNumber("cdcEventsPerSecond", Math.Round(CdcRuns.Max(run => run.EventsPerSecond)));
            json.WriteNumber("cdcEventsPerCpuSecond", Math.Round(CdcEventsPerCpuSecond));
            json.WriteNumber("cdcWholeProcessEventsPerCpuSecond", Math.Round(CdcRuns.Max(run => run.EventsPerCpuSecond)));
            json.WriteNumber("peerEventsPerSecond", Math.Round(PeerRuns.Max(run => run.EventsPerSecond)));
            json.WriteNumber("peerEventsPerCpuSecond", Math.Round(PeerEventsPerCpuSecond));
            json.WriteNumber("peerWholeProcessEventsPerCpuSecond", Math.Round(PeerRuns.Max(run => run.EventsPerCpuSecond)));
            json.WriteNumber("ratio", Math.Round(Ratio, 2));
            json.WriteNumber("wholeProcessRatio", Math.Round(WholeProcessRatio, 2));
            json.WriteNumber("cdcPeakRssMb", Math.Round(CdcRuns.Max(run => run.PeakRssMb)));
            json.WriteNumber("peerPeakRssMb", Math.Round(PeerRuns.Max(run => run.PeakRssMb)));
            WriteRuns(json, "cdcRuns", CdcRuns);
            WriteRuns(json, "peerRuns", PeerRuns);
            json.WriteStartObject("peer");
            json.WriteString("program", "bench/peer/bridge.mjs: mongodb 7.9.0, bson 7.3.4, avsc 5.7.9, kafkajs 2.2.4 (acks=all)");
            json.WriteNumber("batch", PeerBridgeRun.Batch);
            json.WriteString("compression", PeerBridgeRun.Compression);
            json.WriteEndObject();
            json.WriteStartObject("targets");
            json.WriteBoolean("ratioAtLeast5", Ratio >= TargetRatio);
            json.WriteBoolean("cdcAtLeast100000PerCpuSecond", CdcEventsPerCpuSecond >= TargetCdcEventsPerCpuSecond);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRuns(Utf8JsonWriter json, string name, IReadOnlyList<PeerRunFigures> runs)
    {
        json.WriteStartArray(name);
        foreach (var run in runs)
        {
            json.WriteStartObject();
            json.WriteNumber("eventsPerSecond", Math.Round(run.EventsPerSecond));
            json.WriteNumber("eventsPerCpuSecond", Math.Round(run.CatchUpEventsPerCpuSecond));
            json.WriteNumber("wholeProcessEventsPerCpuSecond", Math.Round(run.EventsPerCpuSecond));
            json.WriteNumber("catchUpCpuSeconds", Math.Round(run.CatchUpCpuSeconds, 2));
            json.WriteNumber("cpuSeconds", Math.Round(run.CpuSeconds, 2));
            json.WriteNumber("peakRssMb", Math.Round(run.PeakRssMb));
            json.WriteNumber("startupSeconds", Math.Round(run.StartupSeconds, 2));
            json.WriteNumber("wallSeconds", Math.Round(run.WallSeconds, 2));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
