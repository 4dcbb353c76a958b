using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Bench.Transcode;

/// <summary>One benchmark's figures, printed as one JSON line.</summary>
internal sealed record TranscodeResult(
    int Events,
    double EventsPerSec,
    double MbPerSec,
    double AllocBytesPerEvent,
    double AverageEventBytes,
    string Baseline,
    double BaselineEventsPerSec,
    double ExtendedJsonShare,
    double EventsPerCpuSec,
    double MbPerCpuSec,
    double BaselineEventsPerCpuSec,
    TypedTranscodeResult? Typed = null)
{
    public const double TargetRatio = 5;
    public const double TargetMbPerSec = 300;
    public const double TargetAllocBytesPerEvent = 64;

    public double Ratio => BaselineEventsPerSec > 0 ? EventsPerSec / BaselineEventsPerSec : 0;

    public double CpuRatio => BaselineEventsPerCpuSec > 0 ? EventsPerCpuSec / BaselineEventsPerCpuSec : 0;

    public string ToJsonLine()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", "transcode");
            json.WriteNumber("events", Events);
            json.WriteNumber("eventsPerSec", Math.Round(EventsPerSec));
            json.WriteNumber("mbPerSec", Math.Round(MbPerSec, 1));
            json.WriteNumber("allocBytesPerEvent", Math.Round(AllocBytesPerEvent, 2));
            json.WriteNumber("avgEventBytes", Math.Round(AverageEventBytes));
            json.WriteString("baseline", Baseline);
            json.WriteNumber("baselineEventsPerSec", Math.Round(BaselineEventsPerSec));
            json.WriteNumber("ratio", Math.Round(Ratio, 2));
            json.WriteNumber("extendedJsonShare", Math.Round(ExtendedJsonShare, 2));
            json.WriteNumber("eventsPerCpuSec", Math.Round(EventsPerCpuSec));
            json.WriteNumber("mbPerCpuSec", Math.Round(MbPerCpuSec, 1));
            json.WriteNumber("baselineEventsPerCpuSec", Math.Round(BaselineEventsPerCpuSec));
            json.WriteNumber("cpuRatio", Math.Round(CpuRatio, 2));
            if (Typed is { } typed)
            {
                json.WriteStartObject("typed");
                json.WriteNumber("eventsPerSec", Math.Round(typed.EventsPerSec));
                json.WriteNumber("mbPerSec", Math.Round(typed.MbPerSec, 1));
                json.WriteNumber("eventsPerCpuSec", Math.Round(typed.EventsPerCpuSec));
                json.WriteNumber("mbPerCpuSec", Math.Round(typed.MbPerCpuSec, 1));
                json.WriteNumber("allocBytesPerEvent", Math.Round(typed.AllocBytesPerEvent, 2));
                json.WriteEndObject();
            }

            json.WriteStartObject("targets");
            json.WriteBoolean("ratioAtLeast5", Ratio >= TargetRatio);
            json.WriteBoolean("mbPerSecAtLeast300", MbPerSec >= TargetMbPerSec);
            json.WriteBoolean("mbPerCpuSecAtLeast300", MbPerCpuSec >= TargetMbPerSec);
            json.WriteBoolean("allocAtMost64", AllocBytesPerEvent <= TargetAllocBytesPerEvent);
            if (Typed is { } typedTargets)
            {
                json.WriteBoolean("typedMbPerCpuSecAtLeast200", typedTargets.MbPerCpuSec >= TypedTranscodeResult.TargetMbPerCpuSec);
                json.WriteBoolean("typedAllocAtMost64", typedTargets.AllocBytesPerEvent <= TypedTranscodeResult.TargetAllocBytesPerEvent);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
