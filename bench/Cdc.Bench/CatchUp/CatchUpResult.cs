using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Bench.CatchUp;

/// <summary>The catchup benchmark's figures, printed as one JSON line.</summary>
internal sealed record CatchUpResult(
    int Events,
    double AvgDocumentBytes,
    string Cdc,
    double EventsPerSecond,
    double WallSeconds,
    double StartupSeconds,
    double CpuSeconds,
    double CatchUpCpuSeconds,
    double PeakRssMb,
    double WriteEventsPerSecond)
{
    /// <summary>Issue 11's figures for the libmongoc build (lower ends): events/s, events per CPU second, peak RSS.</summary>
    public const double BaselineEventsPerSecond = 30_000;
    public const double BaselineEventsPerCpuSecond = 32_000;
    public const double BaselinePeakRssMb = 170;

    /// <summary>Events over the whole process's CPU time up to the last acknowledgement (start-up, JIT and connecting included).</summary>
    public double EventsPerCpuSecond => Events / CpuSeconds;

    /// <summary>Events over the CPU time from the first event published to the last acknowledgement.</summary>
    public double CatchUpEventsPerCpuSecond => Events / CatchUpCpuSeconds;

    public string ToJsonLine()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", "catchup");
            json.WriteNumber("events", Events);
            json.WriteNumber("avgDocumentBytes", Math.Round(AvgDocumentBytes));
            json.WriteString("cdc", Cdc);
            json.WriteNumber("eventsPerSecond", Math.Round(EventsPerSecond));
            json.WriteNumber("eventsPerCpuSecond", Math.Round(EventsPerCpuSecond));
            json.WriteNumber("catchUpEventsPerCpuSecond", Math.Round(CatchUpEventsPerCpuSecond));
            json.WriteNumber("peakRssMb", Math.Round(PeakRssMb));
            json.WriteNumber("cpuSeconds", Math.Round(CpuSeconds, 2));
            json.WriteNumber("wallSeconds", Math.Round(WallSeconds, 2));
            json.WriteNumber("startupSeconds", Math.Round(StartupSeconds, 2));
            json.WriteNumber("writeEventsPerSecond", Math.Round(WriteEventsPerSecond));
            json.WriteStartObject("baseline");
            json.WriteString("build", "libmongoc (before issue 11)");
            json.WriteString("eventsPerSecond", "30000-40000");
            json.WriteString("eventsPerCpuSecond", "32000-49000");
            json.WriteNumber("peakRssMb", BaselinePeakRssMb);
            json.WriteEndObject();
            json.WriteStartObject("targets");
            json.WriteBoolean("atLeast30000", EventsPerSecond >= BaselineEventsPerSecond);
            json.WriteBoolean("perCpuSecondAtLeast32000", EventsPerCpuSecond >= BaselineEventsPerCpuSecond);
            json.WriteBoolean("peakRssAtMost170Mb", PeakRssMb <= BaselinePeakRssMb);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
