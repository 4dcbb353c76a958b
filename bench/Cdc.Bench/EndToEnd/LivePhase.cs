using System.Text.Json;

namespace Cdc.Bench.EndToEnd;

/// <summary>
/// One live phase: the rate asked of the writers and the rate they achieved, the events the connector published in it,
/// the added latency from its own histogram (interpolated within buckets; max = the highest non-empty bucket's bound),
/// and its CPU time from the first write to the last acknowledgement.
/// </summary>
internal sealed record LivePhase(
    double TargetEventsPerSecond,
    double WriteEventsPerSecond,
    long Events,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyMaxMs,
    double CpuSeconds,
    double Seconds)
{
    public double EventsPerCpuSecond => Events / CpuSeconds;

    /// <summary>The connector's share of one core while streaming at this rate.</summary>
    public double CpuShareOfOneCore => CpuSeconds / Seconds;

    public static LivePhase From(double target, double achieved, AddedLatencyHistogram latency, double cpuSeconds, double seconds) =>
        new(target, achieved, latency.Count, latency.QuantileMs(0.50), latency.QuantileMs(0.99), latency.MaxBoundMs(), cpuSeconds, seconds);

    public void Write(Utf8JsonWriter json, string name)
    {
        json.WriteStartObject(name);
        json.WriteNumber("targetEventsPerSecond", TargetEventsPerSecond);
        json.WriteNumber("writeEventsPerSecond", Math.Round(WriteEventsPerSecond));
        json.WriteNumber("events", Events);
        json.WriteNumber("latencyP50Ms", Math.Round(LatencyP50Ms, 1));
        json.WriteNumber("latencyP99Ms", Math.Round(LatencyP99Ms, 1));
        json.WriteNumber("latencyMaxMs", Math.Round(LatencyMaxMs, 1));
        json.WriteNumber("cpuSeconds", Math.Round(CpuSeconds, 2));
        json.WriteNumber("eventsPerCpuSecond", Math.Round(EventsPerCpuSecond));
        json.WriteNumber("cpuShareOfOneCore", Math.Round(CpuShareOfOneCore, 3));
        json.WriteEndObject();
    }
}
