using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Demo;

/// <summary>
/// Writes the shop as it already is before the demo's connector starts: customers who signed up over the last months,
/// their orders in every state (placed, paid, shipped, delivered, cancelled, each with the dates of the steps it went
/// through) and the payments of the orders that were paid. The documents have the shapes the workload writes, through
/// the same typed collections; their dates, and the ObjectIds made from them, lie in the past, as an existing shop's do.
/// Written with insertMany in batches, so thousands of documents take a fraction of a second.
/// </summary>
internal static class ShopSeeder
{
    public static async Task<SeededShop> SeedAsync(IMongoClient client, SeededShopSettings settings, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Customers <= 0)
        {
            // Orders need customers to belong to.
            return SeededShop.Empty;
        }

        var random = new Random(settings.Seed);
        now = ShopVocabulary.ToMilliseconds(now);
        var signedUp = new DateTime[settings.Customers];
        for (var i = 0; i < signedUp.Length; i++)
        {
            signedUp[i] = Between(random, now - settings.History, now);
        }

        var ordersOf = new int[settings.Customers];
        var orders = new List<ShopOrderDocument>(settings.Orders);
        var payments = new List<ShopPayment>(settings.Orders);
        var adopted = new List<ShopOrder>(settings.Orders);
        for (var i = 0; i < settings.Orders; i++)
        {
            var customer = random.Next(settings.Customers);
            ordersOf[customer]++;
            var (order, status, payment) = Order(random, ShopVocabulary.CustomerId(customer + 1), signedUp[customer], now);
            orders.Add(order);
            if (payment is not null)
            {
                payments.Add(payment);
            }

            adopted.Add(new ShopOrder(order.Id, order.Customer) { Status = status });
        }

        var customers = new List<ShopCustomer>(settings.Customers);
        for (var i = 0; i < settings.Customers; i++)
        {
            var name = ShopVocabulary.FirstNames[random.Next(ShopVocabulary.FirstNames.Count)];
            customers.Add(new ShopCustomer
            {
                Id = ShopVocabulary.CustomerId(i + 1),
                Name = name,
                Email = ShopVocabulary.Email(name, i + 1),
                Address = ShopVocabulary.Address(ShopVocabulary.Cities[random.Next(ShopVocabulary.Cities.Count)], random.Next(1, 400)),
                Orders = ordersOf[i],
                CreatedAt = signedUp[i],
            });
        }

        var shop = client.GetDatabase(DemoTopics.Database);
        await InsertAsync(shop.GetCollection<ShopCustomer>(DemoTopics.Customers), customers, cancellationToken).ConfigureAwait(false);
        await InsertAsync(shop.GetCollection<ShopOrderDocument>(DemoTopics.Orders), orders, cancellationToken).ConfigureAwait(false);
        await InsertAsync(shop.GetCollection<ShopPayment>(DemoTopics.Payments), payments, cancellationToken).ConfigureAwait(false);

        var documents = new Dictionary<string, long>(StringComparer.Ordinal) { [DemoTopics.Customers] = customers.Count };
        if (orders.Count > 0)
        {
            documents[DemoTopics.Orders] = orders.Count;
        }

        if (payments.Count > 0)
        {
            documents[DemoTopics.Payments] = payments.Count;
        }

        return new SeededShop([.. customers.Select(c => c.Id)], adopted, documents);
    }

    /// <summary>An order of <paramref name="customerId"/> placed after they signed up, in a random state, and its payment when it was paid.</summary>
    private static (ShopOrderDocument Order, OrderStatus Status, ShopPayment? Payment) Order(Random random, string customerId, DateTime signedUp, DateTime now)
    {
        var placedAt = Between(random, signedUp, now);
        var status = random.Next(100) switch
        {
            < 15 => OrderStatus.Placed,
            < 30 => OrderStatus.Paid,
            < 45 => OrderStatus.Shipped,
            < 88 => OrderStatus.Delivered,
            _ => OrderStatus.Cancelled,
        };
        DateTime? paidAt = status is OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Delivered ? Between(random, placedAt, now) : null;
        DateTime? shippedAt = status is OrderStatus.Shipped or OrderStatus.Delivered ? Between(random, paidAt!.Value, now) : null;
        DateTime? deliveredAt = status is OrderStatus.Delivered ? Between(random, shippedAt!.Value, now) : null;
        DateTime? cancelledAt = status is OrderStatus.Cancelled ? Between(random, placedAt, now) : null;
        var total = random.Next(500, 50_000) / 100m;
        var order = new ShopOrderDocument
        {
            Id = ObjectId.GenerateNewId(placedAt),
            Customer = customerId,
            Items = random.Next(1, 6),
            Total = total,
            Status = ShopWorkload.StatusName(status),
            PlacedAt = placedAt,
            PaidAt = paidAt,
            ShippedAt = shippedAt,
            DeliveredAt = deliveredAt,
            CancelledAt = cancelledAt,
        };
        var payment = paidAt is { } paid
            ? new ShopPayment
            {
                Id = ObjectId.GenerateNewId(paid),
                Order = order.Id,
                Amount = total,
                Method = ShopVocabulary.PaymentMethods[random.Next(ShopVocabulary.PaymentMethods.Count)],
                PaidAt = paid,
            }
            : null;
        return (order, status, payment);
    }

    private static async Task InsertAsync<T>(IMongoCollection<T> collection, List<T> documents, CancellationToken cancellationToken)
    {
        foreach (var batch in documents.Chunk(SeededShopSettings.BatchSize))
        {
            await collection.InsertManyAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A moment from <paramref name="from"/> to <paramref name="to"/>, to the millisecond.</summary>
    private static DateTime Between(Random random, DateTime from, DateTime to) =>
        ShopVocabulary.ToMilliseconds(from + ((to - from) * random.NextDouble()));
}
