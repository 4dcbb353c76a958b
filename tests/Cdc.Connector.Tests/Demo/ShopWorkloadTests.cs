using System.Text.Json.Nodes;
using Cdc.Demo;
using Cdc.Sandbox.MongoDb.Server;
using MongoDB.Driver;
using StreamReader = Cdc.Connector.Tests.MongoDb.StreamReader;

namespace Cdc.Connector.Tests.Demo;

public sealed class ShopWorkloadTests
{
    [Fact]
    public async Task The_change_stream_holds_exactly_the_events_the_workload_counted_by_type_collection_and_transaction()
    {
        await using var server = MongoServer.Start();
        using var writer = new MongoClient(server.ConnectionString);
        using var watcher = new MongoClient(server.ConnectionString);
        using var stream = StreamReader.Watch(watcher, DemoTopics.Database, null);
        var workload = new ShopWorkload(writer, new WorkloadSettings { Seed = 7, InitialCustomers = 10 });

        for (var i = 0; i < 600; i++)
        {
            workload.Step();
        }

        var counters = workload.Counters;
        var events = StreamReader.ReadEvents(stream, (int)counters.Events, TimeSpan.FromSeconds(30));

        Assert.Equal(0, counters.Failures);
        Assert.Equal(counters.Events, events.Count);
        var byOperation = events.GroupBy(StreamReader.Operation).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(counters.EventsByOperationType().OrderBy(p => p.Key), byOperation.OrderBy(p => p.Key));
        Assert.Equal(["delete", "insert", "update"], byOperation.Keys.Order());

        // Records per topic = events per collection + one tombstone per delete.
        var expected = events.GroupBy(Collection).ToDictionary(
            g => DemoTopics.TopicOf(g.Key), g => (long)g.Count() + g.Count(e => StreamReader.Operation(e) == "delete"));
        Assert.Equal(expected.OrderBy(p => p.Key), counters.ExpectedRecordsByTopic().OrderBy(p => p.Key));
        Assert.Equal(DemoTopics.Collections.Select(DemoTopics.TopicOf).Order(), expected.Keys.Order());

        // Checkouts: a committed transaction's writes are logged under one cluster time, standalone writes each under
        // their own; so every checkout shows up as one group of 3 events (order, payment, customer) sharing a clusterTime.
        var groups = events.GroupBy(e => e["clusterTime"]!.ToJsonString()).Where(g => g.Count() > 1).ToList();
        Assert.True(counters.Transactions > 0, "600 steps should include checkouts");
        Assert.Equal(counters.Transactions, groups.Count);
        Assert.Equal(counters.TransactionEvents, groups.Sum(g => g.Count()));
        Assert.All(groups, transaction =>
            Assert.Equal(["customers", "orders", "payments"], transaction.Select(Collection).Order()));
    }

    [Fact]
    public async Task Orders_move_through_their_lifecycle_and_only_closed_orders_are_deleted()
    {
        await using var server = MongoServer.Start();
        using var writer = new MongoClient(server.ConnectionString);
        using var watcher = new MongoClient(server.ConnectionString);
        using var stream = StreamReader.Watch(watcher, DemoTopics.Database, DemoTopics.Orders);
        var workload = new ShopWorkload(writer, new WorkloadSettings { Seed = 11, InitialCustomers = 5 });

        for (var i = 0; i < 800; i++)
        {
            workload.Step();
        }

        var orderEvents = (int)workload.Counters.ExpectedRecordsByTopic()[DemoTopics.TopicOf(DemoTopics.Orders)]
            - (int)workload.Counters.EventsByOperationType()["delete"];
        var events = StreamReader.ReadEvents(stream, orderEvents, TimeSpan.FromSeconds(30));
        Assert.Equal(orderEvents, events.Count);

        // Replay each order's statuses from its events: every transition must be one the shop allows.
        var allowed = new HashSet<(string, string)>
        {
            ("placed", "paid"), ("paid", "shipped"), ("shipped", "delivered"), ("placed", "cancelled"), ("paid", "cancelled"),
        };
        var status = new Dictionary<string, string>();
        foreach (var e in events)
        {
            var id = e["documentKey"]!["_id"]!.ToJsonString();
            switch (StreamReader.Operation(e))
            {
                case "insert":
                    status[id] = e["fullDocument"]!["status"]!.GetValue<string>();
                    break;
                case "update":
                    var next = e["updateDescription"]!["updatedFields"]!["status"]!.GetValue<string>();
                    Assert.Contains((status[id], next), allowed);
                    status[id] = next;
                    break;
                case "delete":
                    Assert.Contains(status[id], new[] { "delivered", "cancelled" });
                    status.Remove(id);
                    break;
            }
        }

        Assert.Contains("delivered", events.Where(e => StreamReader.Operation(e) == "update")
            .Select(e => e["updateDescription"]!["updatedFields"]!["status"]!.GetValue<string>()));
        Assert.Contains(events, e => StreamReader.Operation(e) == "delete");
    }

    private static string Collection(JsonObject changeEvent) => changeEvent["ns"]!["coll"]!.GetValue<string>();
}
