namespace Cdc.Bench.EndToEnd;

/// <summary>One phase's throughput and added latency (tracked after reading from libmongoc → acknowledged by Kafka).</summary>
internal sealed record EndToEndPhase(double EventsPerSecond, double LatencyP50Ms, double LatencyP99Ms, double LatencyMaxMs)
{
    public static EndToEndPhase From(AckLatencyRecorder recorder, double eventsPerSecond) =>
        new(eventsPerSecond, recorder.PercentileMs(50), recorder.PercentileMs(99), recorder.PercentileMs(100));
}
