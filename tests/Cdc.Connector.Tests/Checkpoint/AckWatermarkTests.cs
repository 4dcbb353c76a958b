using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.Pipeline;

namespace Cdc.Connector.Tests.Checkpoint;

public sealed class AckWatermarkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static long Track(AckWatermark watermark, int n, int records = 1, long bytes = 10, bool invalidate = false)
    {
        Assert.True(watermark.WaitForRoom(bytes, CancellationToken.None));
        return watermark.Track(ChangeEvents.Token(n), invalidate, records, bytes);
    }

    private static void AssertToken(int n, SourceOffset? offset)
    {
        Assert.NotNull(offset);
        Assert.Equal(ChangeEvents.Token(n), offset.Position.Token);
    }

    [Fact]
    public void Out_of_order_acknowledgements_commit_only_the_prefix_that_is_complete()
    {
        var watermark = new AckWatermark(10, 1000);
        var first = Track(watermark, 1);
        var second = Track(watermark, 2);
        var third = Track(watermark, 3);

        watermark.Delivered(third);
        watermark.Delivered(second);
        Assert.Null(watermark.TakeCommittable());

        watermark.Delivered(first);
        AssertToken(3, watermark.TakeCommittable());
        Assert.Equal(0, watermark.InFlightEvents);
    }

    [Fact]
    public void An_event_with_a_tombstone_is_committable_only_after_both_records()
    {
        var watermark = new AckWatermark(10, 1000);
        var delete = Track(watermark, 1, records: 2);

        watermark.Delivered(delete);
        Assert.Null(watermark.TakeCommittable());
        watermark.Delivered(delete);
        AssertToken(1, watermark.TakeCommittable());
    }

    [Fact]
    public void A_skipped_event_is_committable_at_once_when_nothing_precedes_it()
    {
        var watermark = new AckWatermark(10, 1000);
        var first = Track(watermark, 1);
        Track(watermark, 2, records: 0);
        Assert.Null(watermark.TakeCommittable());

        watermark.Delivered(first);
        AssertToken(2, watermark.TakeCommittable());
    }

    [Fact]
    public void A_failure_freezes_the_position_before_the_failed_event_forever()
    {
        var watermark = new AckWatermark(10, 1000);
        var first = Track(watermark, 1);
        var second = Track(watermark, 2);
        var third = Track(watermark, 3);
        var error = new InvalidDataException("refused");

        watermark.Delivered(first);
        watermark.Failed(second, error);
        watermark.Delivered(third);

        AssertToken(1, watermark.TakeCommittable());
        Assert.Same(error, watermark.Failure);
        Assert.Null(watermark.TakeCommittable());
        Assert.False(watermark.WaitForRoom(1, CancellationToken.None));
        Assert.True(watermark.WaitUntilSettled(TimeSpan.Zero));
    }

    [Fact]
    public void A_producer_failure_keeps_what_was_acknowledged_and_nothing_after()
    {
        var watermark = new AckWatermark(10, 1000);
        var first = Track(watermark, 1);
        var second = Track(watermark, 2);
        watermark.Delivered(first);
        watermark.ProducerFailed(new InvalidOperationException("fatal"));
        watermark.Delivered(second);

        Assert.NotNull(watermark.Failure);
        AssertToken(2, watermark.TakeCommittable());
        Assert.False(watermark.WaitForRoom(1, CancellationToken.None));
    }

    [Fact]
    public async Task Waiting_for_room_by_events_blocks_until_another_thread_acknowledges()
    {
        var watermark = new AckWatermark(2, 1000);
        var first = Track(watermark, 1);
        Track(watermark, 2);

        var waiting = Task.Run(() => watermark.WaitForRoom(10, CancellationToken.None));
        await Task.Delay(100); // a look, not a wait: a waiter that started late only weakens this check, never fails it
        Assert.False(waiting.IsCompleted);
        watermark.Delivered(first);
        Assert.True(await waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task Waiting_for_room_by_bytes_blocks_until_the_bytes_are_acknowledged()
    {
        var watermark = new AckWatermark(100, 100);
        var first = Track(watermark, 1, bytes: 60);

        var waiting = Task.Run(() => watermark.WaitForRoom(60, CancellationToken.None));
        await Task.Delay(100); // a look, not a wait: a waiter that started late only weakens this check, never fails it
        Assert.False(waiting.IsCompleted);
        Assert.Equal(60, watermark.InFlightBytes);
        watermark.Delivered(first);
        Assert.True(await waiting.WaitAsync(Patience));
        Assert.Equal(0, watermark.InFlightBytes);
    }

    [Fact]
    public void An_event_larger_than_the_byte_limit_fits_when_nothing_else_is_in_flight()
    {
        var watermark = new AckWatermark(100, 100);
        Assert.True(watermark.WaitForRoom(1_000, CancellationToken.None));
    }

    [Fact]
    public async Task Waiting_for_room_returns_false_when_cancelled()
    {
        var watermark = new AckWatermark(1, 1000);
        Track(watermark, 1);
        using var cancel = new CancellationTokenSource();

        var waiting = Task.Run(() => watermark.WaitForRoom(10, cancel.Token));
        await Task.Delay(100); // a look, not a wait: a waiter that started late only weakens this check, never fails it
        Assert.False(waiting.IsCompleted);
        cancel.Cancel();
        Assert.False(await waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_failure_releases_a_waiting_reader()
    {
        var watermark = new AckWatermark(1, 1000);
        var first = Track(watermark, 1);

        var waiting = Task.Run(() => watermark.WaitForRoom(10, CancellationToken.None));
        await Task.Delay(100); // a look, not a wait: a waiter that started late only weakens this check, never fails it
        Assert.False(waiting.IsCompleted);
        watermark.Failed(first, new InvalidDataException("refused"));
        Assert.False(await waiting.WaitAsync(Patience));
    }

    [Fact]
    public void Tracking_without_room_is_a_programming_error()
    {
        var watermark = new AckWatermark(1, 1000);
        Track(watermark, 1);
        Assert.Throws<InvalidOperationException>(() => watermark.Track(ChangeEvents.Token(2), false, 1, 10));
    }

    [Fact]
    public void A_post_batch_token_is_committable_only_once_everything_before_it_is_acknowledged()
    {
        var watermark = new AckWatermark(10, 1000);
        var first = Track(watermark, 1);
        watermark.OfferPostBatchToken(ChangeEvents.Token(50));
        Assert.Null(watermark.TakeCommittable());

        watermark.Delivered(first);
        AssertToken(50, watermark.TakeCommittable());
        Assert.Null(watermark.TakeCommittable());
    }

    [Fact]
    public void An_idle_streams_newer_post_batch_token_replaces_the_older_one()
    {
        var watermark = new AckWatermark(10, 1000);
        watermark.OfferPostBatchToken(ChangeEvents.Token(50));
        AssertToken(50, watermark.TakeCommittable());
        watermark.OfferPostBatchToken(ChangeEvents.Token(51));
        watermark.OfferPostBatchToken(ChangeEvents.Token(52));
        AssertToken(52, watermark.TakeCommittable());
    }

    [Fact]
    public void An_event_after_a_post_batch_token_wins_once_acknowledged()
    {
        var watermark = new AckWatermark(10, 1000);
        watermark.OfferPostBatchToken(ChangeEvents.Token(50));
        var later = Track(watermark, 60);
        AssertToken(50, watermark.TakeCommittable());

        watermark.Delivered(later);
        AssertToken(60, watermark.TakeCommittable());
    }

    [Fact]
    public void A_post_batch_token_after_a_failed_event_is_never_committable()
    {
        var watermark = new AckWatermark(10, 1000);
        var first = Track(watermark, 1);
        watermark.OfferPostBatchToken(ChangeEvents.Token(50));
        watermark.Failed(first, new InvalidDataException("refused"));
        Assert.Null(watermark.TakeCommittable());
    }

    [Fact]
    public void An_invalidate_event_is_committed_as_an_invalidate_position()
    {
        var watermark = new AckWatermark(10, 1000);
        var invalidate = Track(watermark, 1, invalidate: true);
        watermark.Delivered(invalidate);
        var offset = watermark.TakeCommittable();
        Assert.NotNull(offset);
        Assert.True(offset.Position.IsInvalidate);
    }

    [Fact]
    public void Take_committable_returns_null_when_nothing_moved()
    {
        var watermark = new AckWatermark(10, 1000);
        Assert.Null(watermark.TakeCommittable());
        var first = Track(watermark, 1);
        watermark.Delivered(first);
        Assert.NotNull(watermark.TakeCommittable());
        Assert.Null(watermark.TakeCommittable());
    }

    [Fact]
    public void The_ring_reuses_slots_without_losing_the_committable_token()
    {
        var watermark = new AckWatermark(3, 1000);
        for (var n = 1; n <= 20; n++)
        {
            var sequence = Track(watermark, n);
            watermark.Delivered(sequence);
            AssertToken(n, watermark.TakeCommittable());
        }
    }

    [Fact]
    public async Task Waiting_until_settled_times_out_then_succeeds_once_acknowledged_from_another_thread()
    {
        var watermark = new AckWatermark(10, 1000);
        var first = Track(watermark, 1);
        Assert.False(watermark.WaitUntilSettled(TimeSpan.FromMilliseconds(50)));

        var acker = Task.Run(async () =>
        {
            await Task.Delay(50);
            watermark.Delivered(first);
        });
        Assert.True(watermark.WaitUntilSettled(Patience));
        await acker;
    }

    [Fact]
    public void Reports_for_sequences_never_tracked_are_ignored()
    {
        var watermark = new AckWatermark(10, 1000);
        var first = Track(watermark, 1);
        watermark.Delivered(first + 5);
        watermark.Delivered(-1);
        Assert.Null(watermark.TakeCommittable());
        Assert.Equal(1, watermark.InFlightEvents);
    }

    [Fact]
    public void A_fatal_producer_error_is_the_reported_failure_even_after_the_purge_it_caused()
    {
        var watermark = new AckWatermark(maxInFlightEvents: 10, maxInFlightBytes: 1 << 20);
        var first = Track(watermark, 1);
        var purged = new InvalidOperationException("Local: Purged in queue");
        var fatal = new InvalidOperationException("ClusterAuthorizationFailed");

        watermark.Failed(first, purged);
        watermark.ProducerFailed(fatal);
        watermark.ProducerFailed(new InvalidOperationException("a second fatal report"));

        Assert.Same(fatal, watermark.Failure);
        Assert.Null(watermark.TakeCommittable());
    }

    [Fact]
    public void A_fatal_producer_error_stays_the_reported_failure_when_the_purge_it_caused_is_reported_after_it()
    {
        // librdkafka 2.16 reports the fatal error first and the purged deliveries after it; 2.0.2 did the opposite.
        var watermark = new AckWatermark(maxInFlightEvents: 10, maxInFlightBytes: 1 << 20);
        var first = Track(watermark, 1);
        var second = Track(watermark, 1);
        var fatal = new InvalidOperationException("ClusterAuthorizationFailed");

        watermark.ProducerFailed(fatal);
        watermark.Failed(second, new InvalidOperationException("Local: Purged in queue"));
        watermark.Failed(first, new InvalidOperationException("Local: Purged in flight"));

        Assert.Same(fatal, watermark.Failure);
        Assert.Null(watermark.TakeCommittable());
    }
}
