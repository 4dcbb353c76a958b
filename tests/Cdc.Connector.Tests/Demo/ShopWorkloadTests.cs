using System.Text.Json.Nodes;
using Cdc.Demo;
using Cdc.Sandbox.MongoDb.Server;
using MongoDB.Bson;
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

    [Fact]
    public async Task A_seeded_shop_is_left_alone_until_allowed_and_then_its_customers_and_orders_change_like_the_workloads_own()
    {
        await using var server = MongoServer.Start();
        using var writer = new MongoClient(server.ConnectionString);
        var seeded = await ShopSeeder.SeedAsync(writer, new SeededShopSettings { Customers = 40, Orders = 120, Seed = 5 }, DateTime.UtcNow, CancellationToken.None);
        var seededKeys = seeded.CustomerIds.Select(CustomerKey).Concat(seeded.Orders.Select(o => OrderKey(o.Id))).ToHashSet(StringComparer.Ordinal);
        using var watcher = new MongoClient(server.ConnectionString);
        using var stream = StreamReader.Watch(watcher, DemoTopics.Database, null);
        var allowed = false;
        var workload = new ShopWorkload(writer, new WorkloadSettings { Seed = 9, InitialCustomers = 5 }, seeded, () => allowed);

        for (var i = 0; i < 400; i++)
        {
            workload.Step();
        }

        var held = StreamReader.ReadEvents(stream, (int)workload.Counters.Events, TimeSpan.FromSeconds(30));
        Assert.False(workload.ChangesSeededDocuments);
        Assert.DoesNotContain(held, e => seededKeys.Contains(Key(e)));

        // New customers carry on from the seeded ones' numbers.
        var signUps = held.Where(e => Collection(e) == DemoTopics.Customers && StreamReader.Operation(e) == "insert").Select(e => e["documentKey"]!["_id"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(41, signUps.Count).Select(ShopVocabulary.CustomerId), signUps);

        allowed = true;
        var before = workload.Counters.Events;
        for (var i = 0; i < 600; i++)
        {
            workload.Step();
        }

        var adopted = StreamReader.ReadEvents(stream, (int)(workload.Counters.Events - before), TimeSpan.FromSeconds(30));
        Assert.True(workload.ChangesSeededDocuments);
        Assert.Equal(0, workload.Counters.Failures);
        var touched = adopted.Where(e => seededKeys.Contains(Key(e))).ToList();
        Assert.Contains(touched, e => Collection(e) == DemoTopics.Customers && StreamReader.Operation(e) == "update");
        Assert.Contains(touched, e => Collection(e) == DemoTopics.Orders && StreamReader.Operation(e) == "update");
        Assert.Contains(touched, e => Collection(e) == DemoTopics.Orders && StreamReader.Operation(e) == "delete");

        // A seeded order moves on from the state it was seeded in, and is deleted only once closed.
        var status = seeded.Orders.ToDictionary(o => OrderKey(o.Id), o => ShopWorkload.StatusName(o.Status));
        foreach (var e in touched.Where(e => Collection(e) == DemoTopics.Orders))
        {
            if (StreamReader.Operation(e) == "delete")
            {
                Assert.Contains(status[Key(e)], new[] { "delivered", "cancelled" });
                continue;
            }

            var next = e["updateDescription"]!["updatedFields"]!["status"]!.GetValue<string>();
            Assert.Contains((status[Key(e)], next), new[] { ("placed", "paid"), ("paid", "shipped"), ("shipped", "delivered"), ("placed", "cancelled"), ("paid", "cancelled") });
            status[Key(e)] = next;
        }
    }

    /// <summary>The documentKey's _id as Extended JSON, as <see cref="CustomerKey"/> and <see cref="OrderKey"/> write it.</summary>
    private static string Key(JsonObject changeEvent) => changeEvent["documentKey"]!["_id"]!.ToJsonString();

    private static string CustomerKey(string id) => $"\"{id}\"";

    private static string OrderKey(ObjectId id) => $"{{\"$oid\":\"{id}\"}}";

    private static string Collection(JsonObject changeEvent) => changeEvent["ns"]!["coll"]!.GetValue<string>();
}
