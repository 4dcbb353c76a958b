using System.Text.Json;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Observability;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Observability;

public sealed class ReadinessCheckTests
{
    private static JsonElement Body(ProbeResult result)
    {
        Assert.StartsWith("application/json", result.ContentType, StringComparison.Ordinal);
        return JsonDocument.Parse(result.Body).RootElement;
    }

    private static ConnectorStatus ReadyStatus(TimeProvider? clock = null)
    {
        var status = new ConnectorStatus(clock);
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
    public void A_snapshot_in_progress_is_reported_and_does_not_make_the_connector_unready()
    {
        var status = ReadyStatus();
        status.Snapshot = new Cdc.Connector.Source.SnapshotCounters();
        Assert.False(Body(ReadinessCheck.Evaluate(status)).TryGetProperty("snapshot", out _));

        status.Snapshot.Progressed(new Cdc.Connector.Source.SnapshotProgress(
        [
            new Cdc.Connector.Source.CollectionSnapshotProgress("shop", "orders", "initial", null, done: true, rows: 10),
            new Cdc.Connector.Source.CollectionSnapshotProgress("shop", "payments", "initial", null, done: false, rows: 0),
        ]));
        var result = ReadinessCheck.Evaluate(status);

        Assert.True(result.Passed);
        Assert.Equal("in progress: 1 of 2 collections left (shop.payments: 0 rows so far)", Body(result).GetProperty("snapshot").GetString());
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

    [Fact]
    public void A_registry_failing_the_schema_the_next_event_needs_is_not_ready_and_says_since_when_which_subject_and_why()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var status = ReadyStatus(clock);
        status.WaitStarted(ReaderWait.SchemaRegistry);
        status.RegistryFailed("cdc.shop.orders-key", 1, "Schema Registry register of subject 'cdc.shop.orders-key' failed: Connection refused (127.0.0.1:8081)");
        clock.Advance(TimeSpan.FromSeconds(7));
        status.RegistryFailed("cdc.shop.orders-key", 4, "Schema Registry register of subject 'cdc.shop.orders-key' failed: 503 Service Unavailable");
        clock.Advance(TimeSpan.FromSeconds(5));

        var result = ReadinessCheck.Evaluate(status);

        Assert.False(result.Passed);
        var body = Body(result);
        Assert.False(body.GetProperty("ready").GetBoolean());
        Assert.Equal(
            "paused for 12 s: the Schema Registry failed 4 calls in a row for subject 'cdc.shop.orders-key', retrying: "
            + "Schema Registry register of subject 'cdc.shop.orders-key' failed: 503 Service Unavailable",
            body.GetProperty("pipeline").GetString());
        Assert.Equal("ok", body.GetProperty("kafka").GetString());
        Assert.Contains("for subject 'cdc.shop.orders-key', retrying", result.Body, StringComparison.Ordinal); // readable with curl

        status.RegistryAnswered();
        status.WaitEnded();
        Assert.True(ReadinessCheck.Evaluate(status).Passed);
        Assert.Equal("reading", Body(ReadinessCheck.Evaluate(status)).GetProperty("pipeline").GetString());
    }

    [Fact]
    public void Looking_up_schema_ids_that_the_registry_answers_is_ready()
    {
        var status = ReadyStatus();
        status.WaitStarted(ReaderWait.SchemaRegistry);

        Assert.True(ReadinessCheck.Evaluate(status).Passed);
    }

    [Fact]
    public void A_registry_outage_counts_only_while_the_reader_waits_for_the_registry()
    {
        var status = ReadyStatus();
        status.RegistryFailed("cdc.shop.orders-value", 2, "no answer");
        status.WaitStarted(ReaderWait.BackPressure);

        Assert.True(ReadinessCheck.Evaluate(status).Passed);
    }

    [Fact]
    public void Back_pressure_is_ready_until_one_wait_for_room_reaches_the_limit_then_not_ready_saying_what_is_in_flight()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var status = ReadyStatus(clock);
        var watermark = new AckWatermark(maxInFlightEvents: 2, maxInFlightBytes: 1024);
        watermark.Track(Tokens.Data("8200000001"), isInvalidate: false, records: 1, bytes: 100);
        watermark.Track(Tokens.Data("8200000002"), isInvalidate: false, records: 1, bytes: 150);
        status.SetWatermark(watermark);

        // Short waits are how back-pressure works under load.
        status.WaitStarted(ReaderWait.BackPressure);
        clock.Advance(ReadinessCheck.BackPressureLimit - TimeSpan.FromSeconds(1));
        Assert.True(ReadinessCheck.Evaluate(status).Passed);

        clock.Advance(TimeSpan.FromSeconds(1));
        var result = ReadinessCheck.Evaluate(status);

        Assert.False(result.Passed);
        Assert.Equal(
            "paused for 30 s: back-pressure: 2 events (250 bytes) await Kafka's acknowledgement and none that frees room under "
            + "pipeline.maxInFlightEvents / maxInFlightBytes came (not ready after 30 s)",
            Body(result).GetProperty("pipeline").GetString());

        // Room came: the next wait starts from zero.
        status.WaitEnded();
        status.WaitStarted(ReaderWait.BackPressure);
        Assert.True(ReadinessCheck.Evaluate(status).Passed);
    }

    [Fact]
    public void The_restart_backoff_and_the_reopening_after_it_are_not_ready_and_say_after_what()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var status = ReadyStatus(clock);
        status.CycleFailed("Opening the change stream failed: no MongoDB server was usable after 30000 ms");
        status.SetPhase(PipelinePhase.Restarting);
        status.WaitStarted(ReaderWait.RestartBackoff);
        clock.Advance(TimeSpan.FromSeconds(20));

        var backoff = ReadinessCheck.Evaluate(status);
        status.WaitEnded();
        status.SetPhase(PipelinePhase.Starting);
        var reopening = ReadinessCheck.Evaluate(status);

        Assert.False(backoff.Passed);
        Assert.Equal("restarting after: Opening the change stream failed: no MongoDB server was usable after 30000 ms", Body(backoff).GetProperty("pipeline").GetString());
        Assert.False(reopening.Passed);
        Assert.Equal("starting after: Opening the change stream failed: no MongoDB server was usable after 30000 ms", Body(reopening).GetProperty("pipeline").GetString());
    }
}
