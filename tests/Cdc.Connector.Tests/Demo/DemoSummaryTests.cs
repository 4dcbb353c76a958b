using System.Globalization;
using System.Text.Json;
using Cdc.Demo;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Source;

namespace Cdc.Connector.Tests.Demo;

public sealed class DemoSummaryTests
{
    [Fact]
    public void A_complete_run_is_ok_and_its_json_has_every_section_and_count()
    {
        var (workload, connector, consumer) = CompleteRun();

        var summary = DemoSummary.Create(15.0004, SeededShop.Empty, workload, connector, 0.25, PipelineExit.Success, consumer);

        Assert.True(summary.Ok, string.Join("; ", summary.Problems));
        using var json = JsonDocument.Parse(summary.ToJson());
        var root = json.RootElement;
        Assert.Equal(15.0, root.GetProperty("durationSeconds").GetDouble());
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal(0, root.GetProperty("problems").GetArrayLength());

        var w = root.GetProperty("workload");
        Assert.Equal(6, w.GetProperty("operations").GetInt64());
        Assert.Equal(1, w.GetProperty("transactions").GetInt64());
        Assert.Equal(3, w.GetProperty("events").GetInt64());
        Assert.Equal(2, w.GetProperty("byOperationType").GetProperty("insert").GetInt64());
        Assert.Equal(1, w.GetProperty("byOperationType").GetProperty("delete").GetInt64());
        Assert.Equal(3, w.GetProperty("expectedRecordsByTopic").GetProperty("cdc.shop.orders").GetInt64());
        Assert.Equal(1, w.GetProperty("expectedRecordsByTopic").GetProperty("cdc.shop.payments").GetInt64());

        var c = root.GetProperty("connector");
        Assert.Equal(3, c.GetProperty("eventsRead").GetInt64());
        Assert.Equal(3, c.GetProperty("eventsPublished").GetInt64());
        Assert.Equal(2, c.GetProperty("byOperationType").GetProperty("insert").GetInt64());
        Assert.Equal(1, c.GetProperty("tombstones").GetInt64());
        Assert.Equal(0, c.GetProperty("restarts").GetInt64());
        Assert.Equal(0, c.GetProperty("deadLettered").GetInt64());
        Assert.Equal(2, c.GetProperty("checkpointsCommitted").GetInt64());
        Assert.Equal(0.25, c.GetProperty("sourceLagSeconds").GetDouble());
        Assert.Equal(0, c.GetProperty("exitCode").GetInt32());

        var k = root.GetProperty("consumer");
        Assert.Equal(4, k.GetProperty("records").GetInt64());
        Assert.Equal(4, k.GetProperty("decoded").GetInt64());
        Assert.Equal(0, k.GetProperty("decodeFailures").GetInt64());
        Assert.Equal(1, k.GetProperty("tombstones").GetInt64());
        Assert.Equal(3, k.GetProperty("byTopic").GetProperty("cdc.shop.orders").GetInt64());
        Assert.Equal(1, k.GetProperty("byTopic").GetProperty("cdc.shop.payments").GetInt64());
        var latency = k.GetProperty("latencyMs");
        Assert.Equal(12, latency.GetProperty("p50").GetDouble(), 0.25);
        Assert.Equal(40, latency.GetProperty("max").GetDouble());
        Assert.InRange(latency.GetProperty("p99").GetDouble(), 39.2, 40);
    }

    [Fact]
    public void Decode_failures_missing_records_dead_letters_a_failed_connector_and_refused_writes_each_make_it_not_ok()
    {
        var (workload, connector, consumer) = CompleteRun();
        consumer.Received("cdc.shop.orders");
        consumer.DecodeFailed("cdc.shop.orders [0] offset 9: unknown magic byte 0x7B at offset 0");
        connector.EventPublished("insert");
        connector.EventPublished("insert");
        connector.EventDeadLettered();
        workload.OperationFailed("insert on orders: E11000 duplicate key");

        var summary = DemoSummary.Create(1, SeededShop.Empty, workload, connector, null, PipelineExit.Failed("Kafka refused the record"), consumer);

        Assert.False(summary.Ok);
        Assert.Collection(
            summary.Problems,
            p => Assert.Equal("1 of 5 records failed to decode (last: cdc.shop.orders [0] offset 9: unknown magic byte 0x7B at offset 0)", p),
            p => Assert.Equal("the consumer received 5 records, fewer than the 6 the connector published (events and tombstones)", p),
            p => Assert.Equal("1 events went to the dead-letter topic", p),
            p => Assert.Equal("the connector failed: Kafka refused the record", p),
            p => Assert.Equal("1 workload writes failed (last: insert on orders: E11000 duplicate key)", p));
        using var json = JsonDocument.Parse(summary.ToJson());
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(5, json.RootElement.GetProperty("problems").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("connector").GetProperty("sourceLagSeconds").ValueKind);
        Assert.Equal(1, json.RootElement.GetProperty("connector").GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public void A_run_with_no_records_or_a_connector_that_did_not_stop_is_not_ok()
    {
        var summary = DemoSummary.Create(1, SeededShop.Empty, new WorkloadCounters(), new PipelineCounters(), null, null, new ConsumerStatistics());

        Assert.False(summary.Ok);
        Assert.Equal(["the consumer received no records", "the connector did not stop within its grace period"], summary.Problems);
        using var json = JsonDocument.Parse(summary.ToJson());
        var latency = json.RootElement.GetProperty("consumer").GetProperty("latencyMs");
        Assert.Equal(JsonValueKind.Null, latency.GetProperty("p50").ValueKind);
        Assert.Equal(JsonValueKind.Null, latency.GetProperty("max").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("connector").GetProperty("exitCode").ValueKind);
    }

    [Fact]
    public void The_text_summary_counts_tombstones_apart_and_prints_the_latency_figures_of_the_json()
    {
        var (workload, connector, consumer) = CompleteRun();

        var summary = DemoSummary.Create(15, SeededShop.Empty, workload, connector, 0.25, PipelineExit.Success, consumer);

        using var json = JsonDocument.Parse(summary.ToJson());
        var latency = json.RootElement.GetProperty("consumer").GetProperty("latencyMs");
        string Ms(string name) => latency.GetProperty(name).GetDouble().ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        Assert.Equal(
            "cdc demo: ok: 6 writes (1 transactions) → 3 change events read, 3 published + 1 tombstones → consumed 3 records + 1 tombstones, " +
            $"0 decode failures; end-to-end latency p50 {Ms("p50")}, p99 {Ms("p99")}, max {Ms("max")}.",
            summary.ToText());
        Assert.Contains("max 40.0 ms", summary.ToText());
    }

    [Fact]
    public void The_text_summary_of_a_run_without_latency_samples_says_so()
    {
        var summary = DemoSummary.Create(1, SeededShop.Empty, new WorkloadCounters(), new PipelineCounters(), null, null, new ConsumerStatistics());

        Assert.StartsWith("cdc demo: NOT ok: 0 writes", summary.ToText(), StringComparison.Ordinal);
        Assert.EndsWith("; no end-to-end latency measured.", summary.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_seeded_run_reports_its_snapshot_and_counts_snapshot_rows_apart_from_change_events_in_the_text()
    {
        var (workload, connector, consumer) = CompleteRun();
        var seeded = SeededCustomers(2);
        SnapshotOfCustomers(connector, consumer, rows: 3, done: true);

        var summary = DemoSummary.Create(15, seeded, workload, connector, 0.25, PipelineExit.Success, consumer);

        Assert.True(summary.Ok, string.Join("; ", summary.Problems));
        using var json = JsonDocument.Parse(summary.ToJson());
        var snapshot = json.RootElement.GetProperty("snapshot");
        Assert.Equal(2, snapshot.GetProperty("seeded").GetProperty("customers").GetInt64());
        Assert.Equal(2, snapshot.GetProperty("seededDocuments").GetInt64());
        Assert.True(snapshot.GetProperty("completed").GetBoolean());
        Assert.Equal(1, snapshot.GetProperty("collections").GetInt32());
        Assert.Equal(1, snapshot.GetProperty("collectionsCompleted").GetInt32());
        Assert.Equal(1, snapshot.GetProperty("chunks").GetInt64());
        Assert.Equal(3, snapshot.GetProperty("rowsRead").GetInt64());
        Assert.Equal(3, snapshot.GetProperty("rowsPublished").GetInt64());
        Assert.Equal(3, snapshot.GetProperty("rowsByTopic").GetProperty("cdc.shop.customers").GetInt64());
        Assert.Equal(3, snapshot.GetProperty("consumerDecoded").GetInt64());

        // The connector's own figures count snapshot rows as events, by operation type; the text sets them apart.
        Assert.Equal(6, json.RootElement.GetProperty("connector").GetProperty("eventsPublished").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("connector").GetProperty("byOperationType").GetProperty("snapshot").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("consumer").GetProperty("byOperationType").GetProperty("snapshot").GetInt64());
        Assert.StartsWith(
            "cdc demo: ok: 2 documents seeded → snapshot complete: 3 rows published → consumed 3; 6 writes (1 transactions) → " +
            "3 change events read, 3 published + 1 tombstones → consumed 3 records + 1 tombstones, 0 decode failures; end-to-end latency p50 ",
            summary.ToText(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_seeded_run_whose_snapshot_did_not_complete_or_reach_the_consumer_is_not_ok()
    {
        var (workload, connector, consumer) = CompleteRun();
        SnapshotOfCustomers(connector, consumer, rows: 1, done: false);

        var summary = DemoSummary.Create(15, SeededCustomers(2), workload, connector, 0.25, PipelineExit.Success, consumer);

        Assert.False(summary.Ok);
        Assert.Equal(
            [
                "the snapshot of the seeded shop did not complete: 0 of 1 collections, 1 rows published",
                "the consumer decoded 1 snapshot rows, fewer than the 2 documents seeded before the connector started",
            ],
            summary.Problems);
        using var json = JsonDocument.Parse(summary.ToJson());
        Assert.False(json.RootElement.GetProperty("snapshot").GetProperty("completed").GetBoolean());
        Assert.Contains("2 documents seeded → snapshot NOT complete: 1 rows published → consumed 1; ", summary.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_a_seeded_shop_has_an_empty_snapshot_section_and_no_snapshot_in_the_text()
    {
        var (workload, connector, consumer) = CompleteRun();

        var summary = DemoSummary.Create(15, SeededShop.Empty, workload, connector, 0.25, PipelineExit.Success, consumer);

        Assert.True(summary.Ok, string.Join("; ", summary.Problems));
        using var json = JsonDocument.Parse(summary.ToJson());
        var snapshot = json.RootElement.GetProperty("snapshot");
        Assert.Equal(0, snapshot.GetProperty("seededDocuments").GetInt64());
        Assert.Equal(0, snapshot.GetProperty("rowsPublished").GetInt64());
        Assert.DoesNotContain("seeded", summary.ToText(), StringComparison.Ordinal);
    }

    private static SeededShop SeededCustomers(int count) => new(
        [.. Enumerable.Range(1, count).Select(ShopVocabulary.CustomerId)],
        [],
        new Dictionary<string, long> { [DemoTopics.Customers] = count });

    /// <summary>A snapshot of shop.customers: <paramref name="rows"/> rows in one chunk read, published and consumed.</summary>
    private static void SnapshotOfCustomers(PipelineCounters connector, ConsumerStatistics consumer, int rows, bool done)
    {
        connector.SnapshotRows.ChunkRead(rows);
        for (var i = 0; i < rows; i++)
        {
            connector.SnapshotRows.RowEmitted();
            connector.EventRead(SnapshotStatus.OperationType);
            connector.EventPublished(SnapshotStatus.OperationType);
            consumer.Received("cdc.shop.customers");
            consumer.DecodedEvent(new ConsumedRecord("cdc.shop.customers", SnapshotStatus.OperationType, $"{{\"_id\":\"c-0000{i}\"}}", "{}", null), inTransaction: false);
        }

        connector.SnapshotRows.Progressed(new SnapshotProgress(
            [new CollectionSnapshotProgress(DemoTopics.Database, DemoTopics.Customers, SnapshotTriggers.Initial, null, done, rows)]));
    }

    /// <summary>A checkout (order + payment inserted in one transaction) and a deleted order, seen all the way through.</summary>
    private static (WorkloadCounters Workload, PipelineCounters Connector, ConsumerStatistics Consumer) CompleteRun()
    {
        var workload = new WorkloadCounters();
        for (var i = 0; i < 6; i++)
        {
            workload.OperationSucceeded();
        }

        workload.EventsCommitted(DemoTopics.Orders, "insert", 1, inTransaction: true);
        workload.EventsCommitted(DemoTopics.Payments, "insert", 1, inTransaction: true);
        workload.TransactionCommitted();
        workload.EventsCommitted(DemoTopics.Orders, "delete", 1, inTransaction: false);

        var connector = new PipelineCounters();
        foreach (var operation in new[] { "insert", "insert", "delete" })
        {
            connector.EventRead();
            connector.EventPublished(operation);
        }

        connector.TombstonePublished();
        connector.CheckpointCommitted();
        connector.CheckpointCommitted();

        var consumer = new ConsumerStatistics();
        consumer.Received("cdc.shop.orders");
        consumer.DecodedEvent(new ConsumedRecord("cdc.shop.orders", "insert", "k1", "{}", 12), inTransaction: true);
        consumer.Latency.Add(12);
        consumer.Received("cdc.shop.payments");
        consumer.DecodedEvent(new ConsumedRecord("cdc.shop.payments", "insert", "k2", "{}", 11.8), inTransaction: true);
        consumer.Latency.Add(11.8);
        consumer.Received("cdc.shop.orders");
        consumer.DecodedEvent(new ConsumedRecord("cdc.shop.orders", "delete", "k1", "", 40), inTransaction: false);
        consumer.Latency.Add(40);
        consumer.Received("cdc.shop.orders");
        consumer.Tombstone();
        consumer.DecodedTombstone(new ConsumedRecord("cdc.shop.orders", "(tombstone)", "k1", "", null));
        return (workload, connector, consumer);
    }
}
