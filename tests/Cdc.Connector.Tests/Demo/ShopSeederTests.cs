using Cdc.Demo;
using Cdc.Sandbox.MongoDb.Server;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.Demo;

public sealed class ShopSeederTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_seeded_shop_holds_what_it_reports_in_the_shapes_the_workload_writes_with_dates_in_the_past()
    {
        await using var server = MongoServer.Start();
        using var client = new MongoClient(server.ConnectionString);
        var settings = new SeededShopSettings { Customers = 300, Orders = 900, Seed = 3 };

        var seeded = await ShopSeeder.SeedAsync(client, settings, Now, CancellationToken.None);

        var shop = client.GetDatabase(DemoTopics.Database);
        var customers = All(shop, DemoTopics.Customers).ToDictionary(c => c["_id"].AsString);
        var orders = All(shop, DemoTopics.Orders);
        var payments = All(shop, DemoTopics.Payments);
        Assert.Equal(
            new Dictionary<string, long> { [DemoTopics.Customers] = 300, [DemoTopics.Orders] = 900, [DemoTopics.Payments] = payments.Count },
            seeded.DocumentsByCollection);
        Assert.Equal(Enumerable.Range(1, 300).Select(ShopVocabulary.CustomerId), seeded.CustomerIds);
        Assert.Equal(seeded.CustomerIds.Order(StringComparer.Ordinal), customers.Keys.Order(StringComparer.Ordinal));

        // Customers: the fields a sign-up writes, and the number of their orders.
        Assert.All(customers.Values, customer =>
        {
            Assert.Equal(["_id", "name", "email", "address", "orders", "createdAt"], customer.Names);
            Assert.Equal(["street", "city"], customer["address"].AsBsonDocument.Names);
            Assert.Equal(orders.Count(o => o["customer"] == customer["_id"]), customer["orders"].AsInt32);
            Assert.InRange(customer["createdAt"].ToUniversalTime(), Now - settings.History, Now);
        });

        // Orders: the fields an insert writes plus the date of each step their status went through, in order, after the
        // customer signed up; the ObjectId carries the time the order was placed.
        string[] placed = ["_id", "customer", "items", "total", "status", "placedAt"];
        var stepsByStatus = new Dictionary<string, string[]>
        {
            ["placed"] = [],
            ["paid"] = ["paidAt"],
            ["shipped"] = ["paidAt", "shippedAt"],
            ["delivered"] = ["paidAt", "shippedAt", "deliveredAt"],
            ["cancelled"] = ["cancelledAt"],
        };
        Assert.All(orders, order =>
        {
            var steps = stepsByStatus[order["status"].AsString];
            Assert.Equal([.. placed, .. steps], order.Names);
            Assert.Equal(BsonType.Decimal128, order["total"].BsonType);
            var dates = new[] { "placedAt" }.Concat(steps).Select(step => order[step].ToUniversalTime()).ToList();
            Assert.Equal(dates.Order(), dates);
            Assert.InRange(dates[0], customers[order["customer"].AsString]["createdAt"].ToUniversalTime(), Now);
            Assert.InRange(dates[^1], dates[0], Now);
            Assert.Equal(dates[0], order["_id"].AsObjectId.CreationTime.AddMilliseconds(dates[0].Millisecond));
        });
        Assert.Equal(stepsByStatus.Keys.Order(), orders.Select(o => o["status"].AsString).Distinct().Order());

        // Payments: one per order that was paid, for its total, at its paidAt.
        var paid = orders.Where(o => o.Contains("paidAt")).ToDictionary(o => o["_id"].AsObjectId);
        Assert.Equal(paid.Keys.Order(), payments.Select(p => p["order"].AsObjectId).Order());
        Assert.All(payments, payment =>
        {
            Assert.Equal(["_id", "order", "amount", "method", "paidAt"], payment.Names);
            var order = paid[payment["order"].AsObjectId];
            Assert.Equal(order["total"], payment["amount"]);
            Assert.Equal(order["paidAt"], payment["paidAt"]);
        });

        // What the workload adopts: every order, with the status its document holds.
        var statusById = orders.ToDictionary(o => o["_id"].AsObjectId, o => o["status"].AsString);
        Assert.Equal(statusById.Keys.Order(), seeded.Orders.Select(o => o.Id).Order());
        Assert.All(seeded.Orders, order => Assert.Equal(statusById[order.Id], ShopWorkload.StatusName(order.Status)));
    }

    [Fact]
    public async Task Without_customers_nothing_is_written()
    {
        await using var server = MongoServer.Start();
        using var client = new MongoClient(server.ConnectionString);

        var seeded = await ShopSeeder.SeedAsync(client, SeededShopSettings.None, Now, CancellationToken.None);

        Assert.Equal(0, seeded.Documents);
        Assert.Empty(await (await client.GetDatabase(DemoTopics.Database).ListCollectionNamesAsync()).ToListAsync());
    }

    private static List<BsonDocument> All(IMongoDatabase shop, string collection) =>
        shop.GetCollection<BsonDocument>(collection).Find(FilterDefinition<BsonDocument>.Empty).ToList();
}
