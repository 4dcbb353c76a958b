using System.Diagnostics;
using System.Globalization;
using Cdc.Connector.Interop.Mongoc;

namespace Cdc.Connector.Demo;

/// <summary>
/// The demo's application: a shop whose customers sign up and move house, and whose orders are placed, paid, shipped
/// and delivered, or cancelled, and deleted once closed; every so often a checkout runs as one multi-document
/// transaction (the order, its payment and the customer's order count). Paced at a steady rate with a short burst
/// every few seconds, as real traffic comes. Every count in <see cref="Counters"/> comes from the server's replies.
/// </summary>
internal sealed class ShopWorkload
{
    private static readonly string[] Cities = ["Lisbon", "Oslo", "Kyoto", "Recife", "Tallinn", "Accra", "Montréal", "Zürich", "Hobart", "Cusco"];
    private static readonly string[] FirstNames = ["Zoë", "Ana", "Kenji", "Ola", "Amara", "Luís", "Mei", "Noah", "Ines", "Tomás"];
    private static readonly string[] Methods = ["card", "transfer", "wallet"];

    private readonly MongoClient _client;
    private readonly WorkloadSettings _settings;
    private readonly Random _random;
    private readonly ObjectIdGenerator _ids = new();
    private readonly byte[] _sessionId = Guid.NewGuid().ToByteArray(bigEndian: true);
    private readonly List<string> _customers = [];
    private readonly List<ShopOrder> _openOrders = [];
    private readonly List<ShopOrder> _closedOrders = [];
    private long _txnNumber;

    public ShopWorkload(MongoClient client, WorkloadSettings settings)
    {
        _client = client;
        _settings = settings;
        _random = new Random(settings.Seed);
    }

    public WorkloadCounters Counters { get; } = new();

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

    private void SignUp()
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"c-{_customers.Count + 1:D5}");
        var first = FirstNames[_random.Next(FirstNames.Length)];
        var email = string.Create(CultureInfo.InvariantCulture, $"{first.ToLowerInvariant()}.{_customers.Count + 1}@example.com");
        if (Write(DemoTopics.Customers, "insert", ShopCommands.InsertCustomer(id, first, email, Pick(Cities), NowMs())) > 0)
        {
            _customers.Add(id);
        }
    }

    private void Move() =>
        Write(DemoTopics.Customers, "update", ShopCommands.MoveCustomer(Pick(_customers), Pick(Cities), _random.Next(1, 400), NowMs()));

    private void PlaceOrder()
    {
        var order = new ShopOrder(_ids.Next(), Pick(_customers));
        if (Write(DemoTopics.Orders, "insert", ShopCommands.InsertOrder(order.Id, order.CustomerId, _random.Next(1, 6), Price(), OrderStatus.Placed, NowMs(), null)) > 0)
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
        if (Write(DemoTopics.Orders, "update", ShopCommands.SetOrderStatus(order.Id, next, NowMs())) > 0)
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
                if (Write(DemoTopics.Orders, "update", ShopCommands.SetOrderStatus(order.Id, OrderStatus.Cancelled, NowMs())) > 0)
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
        Write(DemoTopics.Orders, "delete", ShopCommands.DeleteOrder(order.Id));
        _closedOrders[index] = _closedOrders[^1];
        _closedOrders.RemoveAt(_closedOrders.Count - 1);
    }

    /// <summary>A checkout in one transaction: the order (already paid), its payment, and the customer's order count.</summary>
    private void Checkout()
    {
        var txnNumber = ++_txnNumber;
        var order = new ShopOrder(_ids.Next(), Pick(_customers)) { Status = OrderStatus.Paid };
        var total = Price();
        var now = NowMs();
        try
        {
            var orders = Run(ShopCommands.InsertOrder(order.Id, order.CustomerId, _random.Next(1, 6), total, OrderStatus.Paid, now, new(_sessionId, txnNumber, Starts: true)));
            var payments = Run(ShopCommands.InsertPayment(_ids.Next(), order.Id, total, Pick(Methods), now, new(_sessionId, txnNumber, Starts: false)));
            var customers = Run(ShopCommands.CountCustomerOrder(order.CustomerId, new(_sessionId, txnNumber, Starts: false)));
            RunOn("admin", ShopCommands.CommitTransaction(_sessionId, txnNumber));
            Counters.TransactionCommitted();
            Counters.EventsCommitted(DemoTopics.Orders, "insert", orders, inTransaction: true);
            Counters.EventsCommitted(DemoTopics.Payments, "insert", payments, inTransaction: true);
            Counters.EventsCommitted(DemoTopics.Customers, "update", customers, inTransaction: true);
            _openOrders.Add(order);
        }
        catch (MongoException e)
        {
            Counters.OperationFailed($"checkout transaction {txnNumber}: {e.Message}");
            try
            {
                RunOn("admin", ShopCommands.AbortTransaction(_sessionId, txnNumber));
            }
            catch (MongoException)
            {
                // The transaction may never have started; the next one uses a new txnNumber anyway.
            }
        }
    }

    private void Close(int openIndex)
    {
        _closedOrders.Add(_openOrders[openIndex]);
        _openOrders[openIndex] = _openOrders[^1];
        _openOrders.RemoveAt(_openOrders.Count - 1);
    }

    /// <summary>Runs one standalone write and counts the events it causes; a refused write is counted as a failure, not thrown.</summary>
    private int Write(string collection, string operationType, byte[] command)
    {
        try
        {
            var changed = Run(command);
            Counters.EventsCommitted(collection, operationType, changed, inTransaction: false);
            return changed;
        }
        catch (MongoException e)
        {
            Counters.OperationFailed($"{operationType} on {collection}: {e.Message}");
            return 0;
        }
    }

    private int Run(byte[] command) => RunOn(DemoTopics.Database, command);

    private int RunOn(string database, byte[] command)
    {
        var reply = _client.RunCommand(database, command);
        Counters.OperationSucceeded();
        return CommandReplies.ChangedDocuments(reply);
    }

    private string Price() =>
        (_random.Next(500, 50_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
