using System.Text.Json;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Observability;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Observability;

public sealed class ReadinessCheckTests
{
    private static JsonElement Body(ProbeResult result)
    {
        Assert.StartsWith("application/json", result.ContentType, StringComparison.Ordinal);
        return JsonDocument.Parse(result.Body).RootElement;
    }

    private static ConnectorStatus ReadyStatus()
    {
        var status = new ConnectorStatus();
        status.SetPhase(PipelinePhase.Reading);
        status.KafkaObserved(true, null);
        status.CheckpointSaved(ResumePosition.FromOperationTime(new BsonTimestamp(100, 1)));
        return status;
    }

    [Fact]
    public void Starting_is_not_ready_and_says_the_pipeline_is_starting()
    {
        var status = new ConnectorStatus();
        status.KafkaObserved(true, null);

        var result = ReadinessCheck.Evaluate(status);

        Assert.False(result.Passed);
        Assert.False(Body(result).GetProperty("ready").GetBoolean());
        Assert.Equal("starting", Body(result).GetProperty("pipeline").GetString());
        Assert.Equal("ok", Body(result).GetProperty("kafka").GetString());
    }

    [Fact]
    public void Reading_with_Kafka_reachable_and_checkpoints_saving_is_ready()
    {
        var result = ReadinessCheck.Evaluate(ReadyStatus());

        Assert.True(result.Passed);
        var body = Body(result);
        Assert.True(body.GetProperty("ready").GetBoolean());
        Assert.Equal("reading", body.GetProperty("pipeline").GetString());
        Assert.Equal("ok", body.GetProperty("checkpoint").GetString());
    }

    [Fact]
    public void Reading_before_Kafka_was_probed_is_not_ready()
    {
        var status = new ConnectorStatus();
        status.SetPhase(PipelinePhase.Reading);

        var result = ReadinessCheck.Evaluate(status);

        Assert.False(result.Passed);
        Assert.Equal("not checked yet", Body(result).GetProperty("kafka").GetString());
    }

    [Fact]
    public void Kafka_unreachable_is_not_ready_and_the_body_names_kafka_and_why()
    {
        var status = ReadyStatus();
        status.KafkaObserved(false, "no metadata from b1:9092 within 2 s: Local_Transport");

        var result = ReadinessCheck.Evaluate(status);

        Assert.False(result.Passed);
        Assert.Equal("unreachable: no metadata from b1:9092 within 2 s: Local_Transport", Body(result).GetProperty("kafka").GetString());
        Assert.Equal("reading", Body(result).GetProperty("pipeline").GetString());

        status.KafkaObserved(true, null);
        Assert.True(ReadinessCheck.Evaluate(status).Passed);
    }

    [Fact]
    public void A_failing_checkpoint_save_is_not_ready_until_a_save_succeeds()
    {
        var status = ReadyStatus();
        status.CheckpointSaveFailed("file /data/cp.json: disk full");

        var failing = ReadinessCheck.Evaluate(status);
        Assert.False(failing.Passed);
        Assert.Equal("save failing: file /data/cp.json: disk full", Body(failing).GetProperty("checkpoint").GetString());

        status.CheckpointSaved(ResumePosition.FromOperationTime(new BsonTimestamp(101, 1)));
        Assert.True(ReadinessCheck.Evaluate(status).Passed);
    }

    [Fact]
    public void Restarting_is_not_ready_and_says_after_what()
    {
        var status = ReadyStatus();
        status.CycleFailed("MongoDB error 6 HostUnreachable: \"primary\" gone");
        status.SetPhase(PipelinePhase.Restarting);

        var result = ReadinessCheck.Evaluate(status);

        Assert.False(result.Passed);
        Assert.Equal("restarting after: MongoDB error 6 HostUnreachable: \"primary\" gone", Body(result).GetProperty("pipeline").GetString());
    }
}
