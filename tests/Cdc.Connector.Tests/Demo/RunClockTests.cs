using Cdc.Demo;
using Cdc.Connector.Tests.Observability;

namespace Cdc.Connector.Tests.Demo;

public sealed class RunClockTests
{
    [Fact]
    public void Once_the_consumer_drained_the_run_is_finished_its_length_stops_growing_and_rates_are_averages_over_each_part()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var clock = new RunClock(time);

        clock.WorkloadStarted();
        time.Advance(TimeSpan.FromSeconds(10));
        clock.WorkloadStopped();
        time.Advance(TimeSpan.FromSeconds(1));
        clock.ConnectorStopped();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(clock.Finished);
        clock.ConsumerDrained();
        time.Advance(TimeSpan.FromMinutes(5)); // the final frame is drawn later: nothing of it may decay

        Assert.True(clock.Finished);
        Assert.Equal(TimeSpan.FromSeconds(12), clock.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(10), clock.WorkloadDuration);
        Assert.Equal(200, clock.WorkloadAverage(2_000));
        Assert.Equal(200, clock.ConnectorAverage(2_200));
        Assert.Equal(250, clock.ConsumerAverage(3_000));
    }

    [Fact]
    public void While_running_the_elapsed_time_grows_with_the_clock()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var clock = new RunClock(time);
        Assert.Equal(TimeSpan.Zero, clock.Elapsed);

        clock.WorkloadStarted();
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.False(clock.Finished);
        Assert.Equal(TimeSpan.FromSeconds(3), clock.Elapsed);
    }
}
