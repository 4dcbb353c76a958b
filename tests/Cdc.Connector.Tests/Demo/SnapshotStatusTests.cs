using Cdc.Connector.Source;
using Cdc.Demo;

namespace Cdc.Connector.Tests.Demo;

public sealed class SnapshotStatusTests
{
    private static readonly SeededShop Seeded = new(
        ["c-00001"], [], new Dictionary<string, long> { [DemoTopics.Customers] = 1_000, [DemoTopics.Orders] = 3_000, [DemoTopics.Payments] = 2_200 });

    [Fact]
    public void Before_the_connector_planned_it_the_line_says_it_waits_with_the_seeded_documents()
    {
        var status = SnapshotStatus.Of(Seeded, new SnapshotCounters(), 0);

        Assert.False(status.Planned);
        Assert.False(status.Complete);
        Assert.Equal("waiting for the connector to plan it (6,200 documents seeded)", status.Describe());
    }

    [Fact]
    public void While_it_runs_the_line_says_rows_published_of_the_seeded_documents_and_collections_done()
    {
        var counters = new SnapshotCounters();
        counters.Progressed(Progress(("customers", true, 1_000), ("orders", false, 1_000), ("payments", false, 0)));

        var status = SnapshotStatus.Of(Seeded, counters, 1_500);

        Assert.True(status.Planned);
        Assert.False(status.Complete);
        Assert.Equal("1,500 of 6,200 rows (collections done 1/3)", status.Describe());
        Assert.Equal(new Dictionary<string, long> { ["customers"] = 1_000, ["orders"] = 1_000, ["payments"] = 0 }, status.RowsByCollection);
    }

    [Fact]
    public void Documents_the_connector_estimates_beyond_the_seeded_ones_raise_the_total_to_its_estimate()
    {
        // The workload inserted 40 orders before the connector counted the collection: they are snapshotted too.
        var counters = new SnapshotCounters();
        counters.Estimated("shop.orders", 3_040);
        counters.Progressed(Progress(("customers", true, 1_000), ("orders", false, 1_000), ("payments", true, 2_200)));

        var status = SnapshotStatus.Of(Seeded, counters, 4_200);

        Assert.Equal(6_240, status.RowsExpected);
        Assert.Equal("4,200 of 6,240 rows (collections done 2/3)", status.Describe());
    }

    [Fact]
    public void Once_every_collection_is_done_the_line_says_complete_with_the_rows_published()
    {
        var counters = new SnapshotCounters();
        counters.Progressed(Progress(("customers", true, 1_010), ("orders", true, 3_030), ("payments", true, 2_200)));

        var status = SnapshotStatus.Of(Seeded, counters, 6_240);

        Assert.True(status.Complete);
        Assert.Equal("complete, 6,240 rows (3 collections)", status.Describe());
    }

    [Fact]
    public void Without_a_seeded_shop_the_line_is_a_dash_until_planned_and_then_says_there_was_nothing()
    {
        var counters = new SnapshotCounters();
        Assert.Equal("-", SnapshotStatus.Of(SeededShop.Empty, counters, 0).Describe());

        counters.Progressed(new SnapshotProgress([]));
        Assert.Equal("none: the shop held no collection when the connector started", SnapshotStatus.Of(SeededShop.Empty, counters, 0).Describe());
    }

    private static SnapshotProgress Progress(params (string Collection, bool Done, long Rows)[] collections) =>
        new([.. collections.Select(c => new CollectionSnapshotProgress(DemoTopics.Database, c.Collection, SnapshotTriggers.Initial, null, c.Done, c.Rows))]);
}
