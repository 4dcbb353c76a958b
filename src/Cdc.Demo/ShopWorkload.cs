using System.Diagnostics;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Demo;

/// <summary>
/// The demo's application: a shop whose customers sign up and move house, and whose orders are placed, paid, shipped
/// and delivered, or cancelled, and deleted once closed; every so often a checkout runs as one multi-document
/// transaction (the order, its payment and the customer's order count). Paced at a steady rate with a short burst
/// every few seconds, as real traffic comes. Written as an application would, with the MongoDB driver's typed
/// collections and sessions. Every count in <see cref="Counters"/> comes from the server's replies. A shop that
/// already held data (<see cref="SeededShop"/>) is carried on: its customers and orders join the workload's own once
/// it is allowed to change them.
/// </summary>
internal sealed class ShopWorkload
{
    private readonly IMongoClient _client;
    private readonly IMongoCollection<ShopCustomer> _customerDocuments;
    private readonly IMongoCollection<ShopOrderDocument> _orderDocuments;
    private readonly IMongoCollection<ShopPayment> _paymentDocuments;
    private readonly WorkloadSettings _settings;
    private readonly Random _random;
    private readonly List<string> _customers = [];
    private readonly List<ShopOrder> _openOrders = [];
    private readonly List<ShopOrder> _closedOrders = [];
    private readonly Func<bool> _seededMayChange;
    private SeededShop? _heldSeed;
    private int _lastCustomerNumber;
    private long _checkouts;

    /// <param name="client">Where the shop is.</param>
    /// <param name="settings">How hard it works.</param>
    /// <param name="seeded">The shop as it was before the workload started (<see cref="ShopSeeder"/>), or null for an empty shop.</param>
    /// <param name="seededMayChange">
    /// Whether the workload may now change the seeded documents too; until it says so, the workload changes only the
    /// documents it wrote itself. The demo says so once its connector has snapshotted the seeded shop: a document
    /// changed while its snapshot chunk is open gets no snapshot row (its change event carries it, docs/snapshots.md),
    /// and the demo shows every seeded document arriving as a snapshot row first, then its changes. Null: at once.
    /// </param>
    public ShopWorkload(IMongoClient client, WorkloadSettings settings, SeededShop? seeded = null, Func<bool>? seededMayChange = null)
    {
        _client = client;
        var shop = client.GetDatabase(DemoTopics.Database);
        _customerDocuments = shop.GetCollection<ShopCustomer>(DemoTopics.Customers);
        _orderDocuments = shop.GetCollection<ShopOrderDocument>(DemoTopics.Orders);
        _paymentDocuments = shop.GetCollection<ShopPayment>(DemoTopics.Payments);
        _settings = settings;
        _random = new Random(settings.Seed);
        _seededMayChange = seededMayChange ?? (static () => true);
        if (seeded is not null)
        {
            // Sign-ups carry on from the seeded customers' numbers, held or not, so no id is written twice.
            _lastCustomerNumber = seeded.CustomerIds.Count;
            _heldSeed = seeded;
            AdoptSeededShopWhenAllowed();
        }
    }

    public WorkloadCounters Counters { get; } = new();

    /// <summary>The workload changes seeded documents as well as its own (there were none, or it was allowed to).</summary>
    public bool ChangesSeededDocuments => _heldSeed is null;

    /// <summary>Runs on the calling thread until <paramref name="stopping"/> is cancelled.</summary>
    public void Run(CancellationToken stopping)
    {
        var interval = Stopwatch.Frequency / (double)_settings.OperationsPerSecond;
        var started = Stopwatch.GetTimestamp();
        var nextDue = (double)started;
        var nextBurst = started + (long)(_settings.BurstEverySeconds * Stopwatch.Frequency);
        while (!stopping.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= nextBurst)
            {
                // A burst: a batch of steps back to back, on top of the steady rate.
                for (var i = 0; i < _settings.BurstSize && !stopping.IsCancellationRequested; i++)
                {
                    Step();
                }

                nextBurst = now + (long)(_settings.BurstEverySeconds * Stopwatch.Frequency);
            }

            if (now < nextDue)
            {
                // Rounded up: at least 1 ms, so waiting never turns into spinning on a shared machine.
                var waitMs = (int)Math.Ceiling((nextDue - now) * 1000 / Stopwatch.Frequency);
                if (stopping.WaitHandle.WaitOne(waitMs))
                {
                    break;
                }

                continue;
            }

            Step();
            nextDue += interval;
            if (now - nextDue > Stopwatch.Frequency)
            {
                // More than a second behind (a slow moment): carry on at the steady rate instead of catching up in a storm.
                nextDue = now;
            }
        }
    }

    /// <summary>One application action, chosen by the shop's current state; public for tests that drive it step by step.</summary>
    public void Step()
    {
        AdoptSeededShopWhenAllowed();
        if (_customers.Count < _settings.InitialCustomers)
        {
            SignUp();
            return;
        }

        var roll = _random.Next(100);
        switch (roll)
        {
            case < 6:
                SignUp();
                break;
            case < 16:
                Move();
                break;
            case < 40:
                PlaceOrder();
                break;
            case < 78:
                AdvanceOrder();
                break;
            case < 84:
                CancelOrder();
                break;
            case < 96:
                DeleteClosedOrder();
                break;
            default:
                Checkout();
                break;
        }
    }

    /// <summary>Once allowed, the seeded customers and orders join the workload's own: moved, advanced, cancelled, deleted alike.</summary>
    private void AdoptSeededShopWhenAllowed()
    {
        if (_heldSeed is not { } seeded || !_seededMayChange())
        {
            return;
        }

        _customers.AddRange(seeded.CustomerIds);
        foreach (var seededOrder in seeded.Orders)
        {
            // A copy: the workload moves its orders on, the seeded shop stays what was written.
            var order = new ShopOrder(seededOrder.Id, seededOrder.CustomerId) { Status = seededOrder.Status };
            (order.Status is OrderStatus.Delivered or OrderStatus.Cancelled ? _closedOrders : _openOrders).Add(order);
        }

        _heldSeed = null;
    }

    private void SignUp()
    {
        var number = _lastCustomerNumber + 1;
        var id = ShopVocabulary.CustomerId(number);
        var first = Pick(ShopVocabulary.FirstNames);
        var customer = new ShopCustomer
        {
            Id = id,
            Name = first,
            Email = ShopVocabulary.Email(first, number),
            Address = ShopVocabulary.Address(Pick(ShopVocabulary.Cities), 1),
            Orders = 0,
            CreatedAt = Now(),
        };
        if (Write(DemoTopics.Customers, "insert", () => Inserted(() => _customerDocuments.InsertOne(customer))) > 0)
        {
            _lastCustomerNumber = number;
            _customers.Add(id);
        }
    }

    private void Move()
    {
        var id = Pick(_customers);
        var update = Builders<ShopCustomer>.Update
            .Set(c => c.Address, ShopVocabulary.Address(Pick(ShopVocabulary.Cities), _random.Next(1, 400)))
            .Set("updatedAt", Now());
        Write(DemoTopics.Customers, "update", () => Modified(_customerDocuments.UpdateOne(c => c.Id == id, update)));
    }

    private void PlaceOrder()
    {
        var order = new ShopOrder(ObjectId.GenerateNewId(), Pick(_customers));
        var document = OrderDocument(order, _random.Next(1, 6), Price(), OrderStatus.Placed);
        if (Write(DemoTopics.Orders, "insert", () => Inserted(() => _orderDocuments.InsertOne(document))) > 0)
        {
            _openOrders.Add(order);
        }
    }

    private void AdvanceOrder()
    {
        if (_openOrders.Count == 0)
        {
            PlaceOrder();
            return;
        }

        var index = _random.Next(_openOrders.Count);
        var order = _openOrders[index];
        var next = order.Status switch
        {
            OrderStatus.Placed => OrderStatus.Paid,
            OrderStatus.Paid => OrderStatus.Shipped,
            _ => OrderStatus.Delivered,
        };
        if (SetStatus(order, next) > 0)
        {
            order.Status = next;
            if (next == OrderStatus.Delivered)
            {
                Close(index);
            }
        }
    }

    private void CancelOrder()
    {
        // Only orders not yet shipped can be cancelled; look at a few at random rather than scanning them all.
        for (var attempt = 0; attempt < 4 && _openOrders.Count > 0; attempt++)
        {
            var index = _random.Next(_openOrders.Count);
            var order = _openOrders[index];
            if (order.Status is OrderStatus.Placed or OrderStatus.Paid)
            {
                if (SetStatus(order, OrderStatus.Cancelled) > 0)
                {
                    order.Status = OrderStatus.Cancelled;
                    Close(index);
                }

                return;
            }
        }

        AdvanceOrder();
    }

    private void DeleteClosedOrder()
    {
        if (_closedOrders.Count == 0)
        {
            AdvanceOrder();
            return;
        }

        var index = _random.Next(_closedOrders.Count);
        var order = _closedOrders[index];
        var id = order.Id;
        Write(DemoTopics.Orders, "delete", () => (int)_orderDocuments.DeleteOne(o => o.Id == id).DeletedCount);
        _closedOrders[index] = _closedOrders[^1];
        _closedOrders.RemoveAt(_closedOrders.Count - 1);
    }

    /// <summary>A checkout in one transaction: the order (already paid), its payment, and the customer's order count.</summary>
    private void Checkout()
    {
        var checkout = ++_checkouts;
        var order = new ShopOrder(ObjectId.GenerateNewId(), Pick(_customers)) { Status = OrderStatus.Paid };
        var total = Price();
        var document = OrderDocument(order, _random.Next(1, 6), total, OrderStatus.Paid);
        var payment = new ShopPayment { Id = ObjectId.GenerateNewId(), Order = order.Id, Amount = total, Method = Pick(ShopVocabulary.PaymentMethods), PaidAt = Now() };
        var customerId = order.CustomerId;
        using var session = _client.StartSession();
        try
        {
            session.StartTransaction();
            _orderDocuments.InsertOne(session, document);
            Counters.OperationSucceeded();
            _paymentDocuments.InsertOne(session, payment);
            Counters.OperationSucceeded();
            var customers = Modified(_customerDocuments.UpdateOne(session, c => c.Id == customerId, Builders<ShopCustomer>.Update.Inc(c => c.Orders, 1)));
            Counters.OperationSucceeded();
            session.CommitTransaction();
            Counters.OperationSucceeded();
            Counters.TransactionCommitted();
            Counters.EventsCommitted(DemoTopics.Orders, "insert", 1, inTransaction: true);
            Counters.EventsCommitted(DemoTopics.Payments, "insert", 1, inTransaction: true);
            Counters.EventsCommitted(DemoTopics.Customers, "update", customers, inTransaction: true);
            _openOrders.Add(order);
        }
        catch (MongoException e)
        {
            Counters.OperationFailed($"checkout transaction {checkout}: {e.Message}");
            if (session.IsInTransaction)
            {
                try
                {
                    session.AbortTransaction();
                }
                catch (MongoException)
                {
                    // The server drops an abandoned transaction by itself; the next checkout uses a new session.
                }
            }
        }
    }

    private void Close(int openIndex)
    {
        _closedOrders.Add(_openOrders[openIndex]);
        _openOrders[openIndex] = _openOrders[^1];
        _openOrders.RemoveAt(_openOrders.Count - 1);
    }

    private int SetStatus(ShopOrder order, OrderStatus status)
    {
        var id = order.Id;
        var name = StatusName(status);
        var update = Builders<ShopOrderDocument>.Update.Set(o => o.Status, name).Set(name + "At", Now());
        return Write(DemoTopics.Orders, "update", () => Modified(_orderDocuments.UpdateOne(o => o.Id == id, update)));
    }

    /// <summary>Runs one standalone write and counts the events it causes; a refused write is counted as a failure, not thrown.</summary>
    private int Write(string collection, string operationType, Func<int> write)
    {
        try
        {
            var changed = write();
            Counters.OperationSucceeded();
            Counters.EventsCommitted(collection, operationType, changed, inTransaction: false);
            return changed;
        }
        catch (MongoException e)
        {
            Counters.OperationFailed($"{operationType} on {collection}: {e.Message}");
            return 0;
        }
    }

    private static int Inserted(Action insert)
    {
        insert();
        return 1;
    }

    private static int Modified(UpdateResult result) => (int)result.ModifiedCount;

    private static ShopOrderDocument OrderDocument(ShopOrder order, int items, decimal total, OrderStatus status) => new()
    {
        Id = order.Id,
        Customer = order.CustomerId,
        Items = items,
        Total = total,
        Status = StatusName(status),
        PlacedAt = Now(),
    };

    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Placed => "placed",
        OrderStatus.Paid => "paid",
        OrderStatus.Shipped => "shipped",
        OrderStatus.Delivered => "delivered",
        OrderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an order status"),
    };

    private decimal Price() => _random.Next(500, 50_000) / 100m;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Now, to the millisecond a BSON date keeps.</summary>
    private static DateTime Now() => ShopVocabulary.ToMilliseconds(DateTime.UtcNow);
}
