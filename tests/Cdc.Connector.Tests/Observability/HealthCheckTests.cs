using Cdc.Connector.Observability;

namespace Cdc.Connector.Tests.Observability;

public sealed class HealthCheckTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static (ConnectorStatus Status, ManualTimeProvider Clock) Reading()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var status = new ConnectorStatus(clock);
        status.SetPhase(PipelinePhase.Reading);
        return (status, clock);
    }

    [Fact]
    public void The_stall_limit_is_a_minute_or_ten_max_await_times()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), HealthCheck.StallLimit(1000));
        Assert.Equal(TimeSpan.FromSeconds(100), HealthCheck.StallLimit(10_000));
    }

    [Fact]
    public void A_reader_that_beats_is_healthy()
    {
        var (status, clock) = Reading();
        clock.Advance(TimeSpan.FromSeconds(59));

        var result = HealthCheck.Evaluate(status, Limit);

        Assert.True(result.Passed);
        Assert.Equal("ok\n", result.Body);
    }

    [Fact]
    public void A_reader_silent_past_the_limit_is_unhealthy_and_the_body_says_for_how_long()
    {
        var (status, clock) = Reading();
        clock.Advance(TimeSpan.FromSeconds(61));

        var result = HealthCheck.Evaluate(status, Limit);

        Assert.False(result.Passed);
        Assert.Equal("stalled: the reading thread has not returned for 61 s (limit 60 s) in phase reading\n", result.Body);

        status.Beat();
        Assert.True(HealthCheck.Evaluate(status, Limit).Passed);
    }

    [Fact]
    public void A_designed_wait_stays_healthy_however_long_Kafka_is_down()
    {
        var (status, clock) = Reading();
        status.WaitStarted(ReaderWait.BackPressure);
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.True(HealthCheck.Evaluate(status, Limit).Passed);

        status.WaitEnded();
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.False(HealthCheck.Evaluate(status, Limit).Passed);
    }

    [Fact]
    public void Restarting_and_stopping_are_healthy_even_without_beats()
    {
        var (status, clock) = Reading();
        status.SetPhase(PipelinePhase.Restarting);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(HealthCheck.Evaluate(status, Limit).Passed);

        status.SetPhase(PipelinePhase.Stopping);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(HealthCheck.Evaluate(status, Limit).Passed);
    }

    [Fact]
    public void A_failed_pipeline_is_unhealthy_with_its_error()
    {
        var (status, _) = Reading();
        status.CycleFailed("MongoDB error 18 AuthenticationFailed: bad password");
        status.SetPhase(PipelinePhase.Failed);

        var result = HealthCheck.Evaluate(status, Limit);

        Assert.False(result.Passed);
        Assert.Equal("failed: MongoDB error 18 AuthenticationFailed: bad password\n", result.Body);
    }
}
