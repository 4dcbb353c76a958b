using System.Globalization;

namespace Cdc.Connector.Observability;

/// <summary>
/// /healthz: is the process alive and not wedged? It fails only when the reading thread has not returned from a read
/// (or reported a designed wait: back-pressure, a Schema Registry retry, the restart backoff) for far longer than any
/// read may take, or the pipeline failed for good. An outage of Kafka keeps it passing: restarting would not help.
/// </summary>
internal static class HealthCheck
{
    private const string PlainText = "text/plain; charset=utf-8";

    /// <summary>How long the reading thread may go without a beat: max(60 s, 10 × mongodb.maxAwaitTimeMs).</summary>
    public static TimeSpan StallLimit(int maxAwaitTimeMs) =>
        TimeSpan.FromMilliseconds(Math.Max(60_000L, 10L * maxAwaitTimeMs));

    public static ProbeResult Evaluate(ConnectorStatus status, TimeSpan stallLimit)
    {
        ArgumentNullException.ThrowIfNull(status);
        var phase = status.Phase;
        if (phase == PipelinePhase.Failed)
        {
            return new ProbeResult(false, $"failed: {status.LastFailure ?? "the pipeline stopped with an error"}\n", PlainText);
        }

        var since = status.SinceLastBeat;
        if (phase is PipelinePhase.Starting or PipelinePhase.Reading && !status.IsWaiting && since > stallLimit)
        {
            var text = string.Create(
                CultureInfo.InvariantCulture,
                $"stalled: the reading thread has not returned for {since.TotalSeconds:0} s (limit {stallLimit.TotalSeconds:0} s) in phase {PhaseNames.Of(phase)}\n");
            return new ProbeResult(false, text, PlainText);
        }

        return new ProbeResult(true, "ok\n", PlainText);
    }
}
