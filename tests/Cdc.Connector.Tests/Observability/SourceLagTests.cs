using Cdc.Connector.Observability;

namespace Cdc.Connector.Tests.Observability;

public sealed class SourceLagTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    [Fact]
    public void Lag_is_unknown_before_the_stream_opens()
    {
        var status = new ConnectorStatus(new ManualTimeProvider(Start));

        Assert.Null(status.SourceLagSeconds);
        Assert.Null(status.LastEventWallTimeMs);
    }

    [Fact]
    public void A_stream_opened_at_an_old_checkpoint_lags_by_the_checkpoint_age()
    {
        var clock = new ManualTimeProvider(Start);
        var status = new ConnectorStatus(clock);

        status.StreamOpened(Ms(Start.AddMinutes(-5)));

        Assert.Equal(300, status.SourceLagSeconds);
    }

    [Fact]
    public void A_stream_opened_at_now_starts_caught_up()
    {
        var clock = new ManualTimeProvider(Start);
        var status = new ConnectorStatus(clock);

        status.StreamOpened(null);

        Assert.Equal(0, status.SourceLagSeconds);
    }

    [Fact]
    public void Lag_is_now_minus_the_wall_time_of_the_last_event()
    {
        var clock = new ManualTimeProvider(Start);
        var status = new ConnectorStatus(clock);
        status.StreamOpened(Ms(Start.AddMinutes(-1)));

        status.EventRead(Ms(Start.AddSeconds(-12)));

        Assert.Equal(12, status.SourceLagSeconds);
        Assert.Equal(Ms(Start.AddSeconds(-12)), status.LastEventWallTimeMs);
    }

    [Fact]
    public void Lag_keeps_growing_while_the_reader_is_blocked_and_never_goes_stale()
    {
        var clock = new ManualTimeProvider(Start);
        var status = new ConnectorStatus(clock);
        status.StreamOpened(null);
        status.EventRead(Ms(Start.AddMilliseconds(-500)));

        clock.Advance(TimeSpan.FromSeconds(40)); // no read returns: Kafka is down, back-pressure holds the reader

        Assert.Equal(40.5, status.SourceLagSeconds);
    }

    [Fact]
    public void An_empty_batch_means_caught_up_so_lag_drops_to_zero()
    {
        var clock = new ManualTimeProvider(Start);
        var status = new ConnectorStatus(clock);
        status.StreamOpened(null);
        status.EventRead(Ms(Start.AddSeconds(-30)));

        status.BatchEnded(empty: true, postBatchTokenTimeMs: Ms(Start.AddSeconds(-60)));

        Assert.Equal(0, status.SourceLagSeconds);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, status.SourceLagSeconds);
    }

    [Fact]
    public void A_batch_end_after_events_moves_the_reference_to_a_newer_post_batch_token_only()
    {
        var clock = new ManualTimeProvider(Start);
        var status = new ConnectorStatus(clock);
        status.StreamOpened(null);
        status.EventRead(Ms(Start.AddSeconds(-30)));

        status.BatchEnded(empty: false, postBatchTokenTimeMs: Ms(Start.AddSeconds(-40)));
        Assert.Equal(30, status.SourceLagSeconds);

        status.BatchEnded(empty: false, postBatchTokenTimeMs: Ms(Start.AddSeconds(-2)));
        Assert.Equal(2, status.SourceLagSeconds);

        status.BatchEnded(empty: false, postBatchTokenTimeMs: null);
        Assert.Equal(2, status.SourceLagSeconds);
    }

    [Fact]
    public void Events_from_the_future_of_a_skewed_clock_show_zero_lag_not_a_negative_one()
    {
        var clock = new ManualTimeProvider(Start);
        var status = new ConnectorStatus(clock);
        status.StreamOpened(null);

        status.EventRead(Ms(Start.AddSeconds(3)));

        Assert.Equal(0, status.SourceLagSeconds);
    }
}
