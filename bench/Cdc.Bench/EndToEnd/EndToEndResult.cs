using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Bench.EndToEnd;

/// <summary>The e2e benchmark's figures (live phase and catch-up phase), printed as one JSON line.</summary>
internal sealed record EndToEndResult(
    int Events,
    EndToEndPhase Live,
    double WriteEventsPerSecond,
    EndToEndPhase CatchUp,
    double PeakRssMb,
    double RssBeforeConnectorMb,
    double BacklogWriteRssGrowthMb)
{
    /// <summary>The reference chosen for e2e (the issue sets none): issue 3's rate one change stream must be served at.</summary>
    public const double Limit = 20_000;

    public string ToJsonLine()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", "e2e");
            json.WriteNumber("events", Events);
            json.WriteNumber("eventsPerSecond", Math.Round(Live.EventsPerSecond));
            json.WriteNumber("latencyP50Ms", Math.Round(Live.LatencyP50Ms, 1));
            json.WriteNumber("latencyP99Ms", Math.Round(Live.LatencyP99Ms, 1));
            json.WriteNumber("latencyMaxMs", Math.Round(Live.LatencyMaxMs, 1));
            json.WriteNumber("writeEventsPerSecond", Math.Round(WriteEventsPerSecond));
            json.WriteNumber("catchUpEventsPerSecond", Math.Round(CatchUp.EventsPerSecond));
            json.WriteNumber("catchUpLatencyP50Ms", Math.Round(CatchUp.LatencyP50Ms, 1));
            json.WriteNumber("catchUpLatencyP99Ms", Math.Round(CatchUp.LatencyP99Ms, 1));
            json.WriteNumber("peakRssMb", Math.Round(PeakRssMb));
            json.WriteNumber("rssBeforeConnectorMb", Math.Round(RssBeforeConnectorMb));
            json.WriteNumber("backlogWriteRssGrowthMb", Math.Round(BacklogWriteRssGrowthMb));
            json.WriteNumber("limit", Limit);
            json.WriteNumber("catchUpRatioToLimit", Math.Round(CatchUp.EventsPerSecond / Limit, 2));
            json.WriteStartObject("targets");
            json.WriteBoolean("catchUpAtLeast20000", CatchUp.EventsPerSecond >= Limit);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
