namespace Cdc.Bench.EndToEnd;

/// <summary>One phase's throughput and added latency (tracked right after the change stream handed the event over → acknowledged by Kafka).</summary>
internal sealed record EndToEndPhase(double EventsPerSecond, double LatencyP50Ms, double LatencyP99Ms, double LatencyMaxMs)
{
    public static EndToEndPhase From(AckLatencyRecorder recorder, double eventsPerSecond) =>
        new(eventsPerSecond, recorder.PercentileMs(50), recorder.PercentileMs(99), recorder.PercentileMs(100));
}
