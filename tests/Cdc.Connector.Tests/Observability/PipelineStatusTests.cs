using Cdc.Connector.Tests.MongoDb;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Sink;
using Cdc.Connector.Tests.Pipeline;

namespace Cdc.Connector.Tests.Observability;

/// <summary>The pipeline keeps <see cref="ConnectorStatus"/> and the error counts true as it runs.</summary>
public sealed class PipelineStatusTests
{
    private static bool Committed(FakeEnvironment environment, int n) =>
        environment.Store.Current?.Position.Token is { } token && token.AsSpan().SequenceEqual(ChangeEvents.Token(n));

    [Fact]
    public async Task Reading_events_sets_the_phase_the_lag_reference_and_the_committed_checkpoint()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        var status = harness.Runner.Status;
        Assert.Equal(PipelinePhase.Starting, status.Phase);
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2), ChangeEvents.Delete(3));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 3), "event 3 is committed");
        Assert.Equal(PipelinePhase.Reading, status.Phase);

        // The test events have no wallTime: their cluster time (t = n seconds) is what the lag is measured from.
        Assert.Equal(3000, status.LastEventWallTimeMs);
        await PipelineHarness.WaitUntilAsync(() => status.LastCheckpointAt is not null && status.CommittedPosition?.Token is { } t && t.AsSpan().SequenceEqual(ChangeEvents.Token(3)), "the status holds the committed token");
        Assert.Null(status.CheckpointError);
        Assert.Equal(2, harness.Runner.Counters.ReadByOperationType()["insert"]);
        Assert.Equal(1, harness.Runner.Counters.ReadByOperationType()["delete"]);
        await PipelineHarness.WaitUntilAsync(() => status.SinceLastBeat < TimeSpan.FromSeconds(5), "the status shows a recent heartbeat");

        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
        Assert.Equal(PipelinePhase.Stopped, status.Phase);
        Assert.Equal(0, status.InFlightEvents);
    }

    [Fact]
    public async Task An_idle_stream_is_caught_up_so_its_lag_is_about_zero()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "event 1 is committed");

        // Event 1 is from 1970; two batch ends in a row with nothing between mean nothing newer exists.
        await PipelineHarness.WaitUntilAsync(() => harness.Runner.Status.SourceLagSeconds < 5, "the lag drops once the stream is idle");
        await harness.StopAsync();
    }

    [Fact]
    public async Task A_transient_source_failure_counts_as_a_source_error_and_goes_through_restarting()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2));
        environment.Server.FailReadAt(1, DriverErrors.ConnectionReset());
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 2), "event 2 is committed after the reopen");
        var errors = harness.Runner.Counters.ErrorsByKind();
        Assert.Equal(1, errors[ErrorKinds.Source]);
        Assert.Single(errors);
        Assert.Contains("connection reset", harness.Runner.Status.LastFailure, StringComparison.Ordinal);
        Assert.Equal(PipelinePhase.Reading, harness.Runner.Status.Phase);
        await harness.StopAsync();
    }

    [Fact]
    public async Task History_lost_counts_as_resume_position_lost_and_fails_the_pipeline()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        harness.Environment.Server.FailNextOpen(DriverErrors.HistoryLost());
        harness.Start();

        var exit = await harness.WaitForExitAsync();

        Assert.Equal(1, exit.ExitCode);
        Assert.Equal(1, harness.Runner.Counters.ErrorsByKind()[ErrorKinds.ResumePositionLost]);
        Assert.Equal(PipelinePhase.Failed, harness.Runner.Status.Phase);
        Assert.Contains("ChangeStreamHistoryLost", harness.Runner.Status.LastFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_checkpoint_save_is_counted_and_shown_until_a_save_succeeds()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.Store.SaveFailure = new CheckpointStoreException("disk full (test)");
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => harness.Runner.Status.CheckpointError is not null, "the save failure is visible");
        Assert.Contains("disk full (test)", harness.Runner.Status.CheckpointError, StringComparison.Ordinal);
        Assert.True(harness.Runner.Counters.ErrorsByKind()[ErrorKinds.Checkpoint] >= 1);
        Assert.False(ReadinessCheck.Evaluate(harness.Runner.Status).Passed);

        environment.Store.SaveFailure = null;
        await PipelineHarness.WaitUntilAsync(() => harness.Runner.Status.CheckpointError is null && Committed(environment, 1), "a later save succeeds");
        await harness.StopAsync();
    }

    [Fact]
    public void Failures_are_classified_into_the_fixed_kinds()
    {
        Assert.Equal(ErrorKinds.Source, FailureClassifier.Classify(DriverErrors.ConnectionReset(), PipelineHarness.FastSettings, null).ErrorKind);
        Assert.Equal(ErrorKinds.ResumePositionLost, FailureClassifier.Classify(DriverErrors.HistoryLost(), PipelineHarness.FastSettings, null).ErrorKind);
        Assert.Equal(ErrorKinds.ResumePositionLost, FailureClassifier.Classify(DriverErrors.Server(260, "InvalidResumeToken"), PipelineHarness.FastSettings, null).ErrorKind);
        Assert.Equal(ErrorKinds.Kafka, FailureClassifier.Classify(new KafkaDeliveryException("refused"), PipelineHarness.FastSettings, null).ErrorKind);
        Assert.Equal(ErrorKinds.Kafka, FailureClassifier.Classify(new TimeoutException("not acknowledged"), PipelineHarness.FastSettings, null).ErrorKind);
        Assert.Equal(ErrorKinds.SchemaRegistry, FailureClassifier.Classify(new SchemaIdRegistrationException("409"), PipelineHarness.FastSettings, null).ErrorKind);
        Assert.Equal(ErrorKinds.Event, FailureClassifier.Classify(new RecordTooLargeException("too big"), PipelineHarness.FastSettings, null).ErrorKind);
        Assert.Equal(ErrorKinds.Event, FailureClassifier.Classify(new UnresumableEventException("no _id"), PipelineHarness.FastSettings, null).ErrorKind);
        Assert.Equal(ErrorKinds.Checkpoint, FailureClassifier.Classify(new CheckpointStoreException("gone"), PipelineHarness.FastSettings, null).ErrorKind);
        Assert.Equal(ErrorKinds.Other, FailureClassifier.Classify(new InvalidOperationException("bug"), PipelineHarness.FastSettings, null).ErrorKind);
    }
}
