using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Bench.EndToEnd;

/// <summary>The e2e benchmark's figures, printed as one JSON line.</summary>
internal sealed record EndToEndResult(
    int Events,
    double EventsPerSecond,
    double WriteEventsPerSecond,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyMaxMs,
    double PeakRssMb)
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
            json.WriteNumber("eventsPerSecond", Math.Round(EventsPerSecond));
            json.WriteNumber("writeEventsPerSecond", Math.Round(WriteEventsPerSecond));
            json.WriteNumber("latencyP50Ms", Math.Round(LatencyP50Ms, 1));
            json.WriteNumber("latencyP99Ms", Math.Round(LatencyP99Ms, 1));
            json.WriteNumber("latencyMaxMs", Math.Round(LatencyMaxMs, 1));
            json.WriteNumber("peakRssMb", Math.Round(PeakRssMb));
            json.WriteNumber("limit", Limit);
            json.WriteNumber("ratioToLimit", Math.Round(EventsPerSecond / Limit, 2));
            json.WriteStartObject("targets");
            json.WriteBoolean("atLeast20000", EventsPerSecond >= Limit);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
