using System.Text;
using System.Text.Json;

namespace Cdc.Connector.Observability;

/// <summary>
/// /readyz: the connector is doing its job. Three checks, all needed: the pipeline is reading (the change stream is
/// open), Kafka answered the last metadata probe, and the last checkpoint save did not fail. The JSON body names each
/// check's state, so a 503 says which one failed:
/// <c>{"ready":false,"pipeline":"reading","kafka":"unreachable: …","checkpoint":"ok"}</c>.
/// </summary>
internal static class ReadinessCheck
{
    private const string Json = "application/json; charset=utf-8";

    public static ProbeResult Evaluate(ConnectorStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var phase = status.Phase;
        var reading = phase == PipelinePhase.Reading;
        var pipeline = reading || status.LastFailure is null || phase is PipelinePhase.Stopping or PipelinePhase.Stopped
            ? PhaseNames.Of(phase)
            : $"{PhaseNames.Of(phase)} after: {status.LastFailure}";

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
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ready", ready);
            writer.WriteString("pipeline", pipeline);
            writer.WriteString("kafka", kafka);
            writer.WriteString("checkpoint", checkpoint);
            writer.WriteEndObject();
        }

        return new ProbeResult(ready, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n", Json);
    }
}
