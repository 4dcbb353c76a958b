using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Connector.Observability;

/// <summary>
/// /readyz: the connector is doing its job. Three checks, all needed: the pipeline is reading (the change stream is
/// open and reading is not paused), Kafka answered the last metadata probe, and the last checkpoint save did not fail.
/// The JSON body names each check's state, so a 503 says which one failed:
/// <c>{"ready":false,"pipeline":"reading","kafka":"unreachable: …","checkpoint":"ok"}</c>; once a snapshot was planned or
/// loaded, also <c>"snapshot": "in progress: 2 of 3 collections left (…)"</c> or <c>"complete"</c>, which readiness never waits for.
/// </summary>
/// <remarks>
/// Reading counts as paused, and the pipeline check fails, while the Schema Registry fails the calls for a schema the
/// next event needs (from the first failed call until one succeeds), or while the reading thread has waited
/// <see cref="BackPressureLimit"/> or longer for room under pipeline.maxInFlightEvents / maxInFlightBytes. Short
/// waits for room are how back-pressure works under load and do not count. The restart backoff (phase
/// <c>restarting</c>) and reopening (<c>starting</c>) are not <c>reading</c> and fail the check as they are.
/// </remarks>
internal static class ReadinessCheck
{
    /// <summary>
    /// How long one wait for room may last before readiness fails: 30 s, librdkafka's default request.timeout.ms. A
    /// wait for room ends as soon as the oldest in-flight event is acknowledged, so a wait this long means Kafka has not
    /// acknowledged anything that frees room for that long (throttled, or short of in-sync replicas), while its
    /// metadata may still answer. Kafka unreachable altogether is reported sooner, by the kafka check.
    /// </summary>
    public static readonly TimeSpan BackPressureLimit = TimeSpan.FromSeconds(30);

    private const string Json = "application/json; charset=utf-8";

    // The body is read by people (curl) as often as by machines: subject names keep their quotes, arrows stay arrows.
    // Only HTML needs the stricter default escaping, and this body is never embedded in a page.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ProbeResult Evaluate(ConnectorStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var phase = status.Phase;
        var paused = phase == PipelinePhase.Reading ? PauseReason(status) : null;
        var reading = phase == PipelinePhase.Reading && paused is null;
        var pipeline = paused
            ?? (reading || status.LastFailure is null || phase is PipelinePhase.Stopping or PipelinePhase.Stopped
                ? PhaseNames.Of(phase)
                : $"{PhaseNames.Of(phase)} after: {status.LastFailure}");

        var kafkaReachable = status.KafkaReachable;
        var kafkaOk = kafkaReachable == true;
        var kafka = kafkaReachable switch
        {
            true => "ok",
            false => "unreachable: " + (status.KafkaDetail ?? "no broker answered"),
            null => "not checked yet",
        };

        var checkpointError = status.CheckpointError;
        var checkpoint = checkpointError is null ? "ok" : "save failing: " + checkpointError;
        var ready = reading && kafkaOk && checkpointError is null;

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ready", ready);
            writer.WriteString("pipeline", pipeline);
            writer.WriteString("kafka", kafka);
            writer.WriteString("checkpoint", checkpoint);

            // Reported, never judged: a snapshot reads beside the stream, and the connector is ready while it runs.
            if (status.Snapshot?.Progress is { } snapshot)
            {
                writer.WriteString("snapshot", snapshot.IsComplete ? "complete" : "in progress: " + snapshot.Describe());
            }

            writer.WriteEndObject();
        }

        return new ProbeResult(ready, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n", Json);
    }

    /// <summary>Why reading is paused though the stream is open; null when events can move.</summary>
    private static string? PauseReason(ConnectorStatus status)
    {
        switch (status.CurrentWait)
        {
            case ReaderWait.SchemaRegistry when status.RegistryOutage is { } outage:
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"paused for {Seconds(status.Since(outage.SinceTimestamp))} s: the Schema Registry failed {outage.Attempts} {(outage.Attempts == 1 ? "call" : "calls")} in a row for subject '{outage.Subject}', retrying: {outage.Problem}");
            case ReaderWait.BackPressure when status.CurrentWaitDuration is var waited && waited >= BackPressureLimit:
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"paused for {Seconds(waited)} s: back-pressure: {status.InFlightEvents} events ({status.InFlightBytes} bytes) await Kafka's acknowledgement and none that frees room under pipeline.maxInFlightEvents / maxInFlightBytes came (not ready after {Seconds(BackPressureLimit)} s)");
            default:
                return null;
        }
    }

    private static long Seconds(TimeSpan span) => (long)span.TotalSeconds;
}
