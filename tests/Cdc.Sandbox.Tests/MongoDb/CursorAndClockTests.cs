using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class CursorAndClockTests
{
    [Fact]
    public void Idle_cursors_are_forgotten_after_the_server_timeout_and_used_ones_are_kept()
    {
        var time = new ManualTimeProvider();
        var registry = new CursorRegistry(time);
        var idle = new DocumentListCursor(registry.NewId(), "d.c", [[5, 0, 0, 0, 0]]);
        var used = new DocumentListCursor(registry.NewId(), "d.c", [[5, 0, 0, 0, 0]]);
        registry.Register(idle, new Doc().Add("find", "c"), 0);
        registry.Register(used, new Doc().Add("find", "c"), 0);
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(registry.TryGet(used.Id, out _));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(registry.TryGet(idle.Id, out _));
        Assert.True(registry.TryGet(used.Id, out _));
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void Cursor_ids_are_positive_and_distinct()
    {
        var registry = new CursorRegistry(TimeProvider.System);
        var ids = Enumerable.Range(0, 1000).Select(_ => registry.NewId()).ToList();
        Assert.All(ids, id => Assert.True(id > 0));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_list_cursor_splits_batches_by_count_and_reports_exhaustion()
    {
        var cursor = new DocumentListCursor(1, "d.c", [[5, 0, 0, 0, 0], [5, 0, 0, 0, 0], [5, 0, 0, 0, 0]]);
        Assert.Empty((await cursor.NextBatchAsync(0, TimeSpan.Zero, CancellationToken.None)).Documents);
        Assert.Equal(2, (await cursor.NextBatchAsync(2, TimeSpan.Zero, CancellationToken.None)).Documents.Count);
        Assert.False(cursor.IsExhausted);
        Assert.Single((await cursor.NextBatchAsync(int.MaxValue, TimeSpan.Zero, CancellationToken.None)).Documents);
        Assert.True(cursor.IsExhausted);
    }

    [Fact]
    public void The_cluster_clock_keeps_increasing_when_the_wall_clock_stalls_or_steps_back()
    {
        var time = new ManualTimeProvider();
        var clock = new ClusterClock(time);
        var first = clock.Tick();
        var second = clock.Tick();
        Assert.Equal((first.Seconds, first.Increment + 1), (second.Seconds, second.Increment));
        time.Advance(TimeSpan.FromSeconds(-30));
        var third = clock.Tick();
        Assert.Equal((second.Seconds, second.Increment + 1), (third.Seconds, third.Increment));
        time.Advance(TimeSpan.FromSeconds(60));
        var fourth = clock.Tick();
        Assert.Equal((third.Seconds + 30, 1u), (fourth.Seconds, fourth.Increment));
    }
}
