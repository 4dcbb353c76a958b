using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Cdc.Connector.LiveView;
using Cdc.Connector.Observability;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.LiveView;

public sealed class LiveChangeFeedTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_change_is_sent_once_every_record_of_it_is_acknowledged_with_where_each_landed()
    {
        using var feed = NewFeed();
        using var client = feed.Subscribe();
        Assert.Equal("status", Type(await client.NextAsync(CancellationToken.None)));

        feed.Captured(7, ChangeEvent("delete", "shop", "orders", "o-1"), records: 2);
        feed.Placed(7, "cdc.shop.orders", 2, 40);
        feed.Placed(7, "cdc.shop.orders", 2, 41);

        using var message = JsonDocument.Parse((await client.NextAsync(CancellationToken.None)).Json);
        var root = message.RootElement;
        Assert.Equal("change", root.GetProperty("type").GetString());
        Assert.Equal("delete", root.GetProperty("operationType").GetString());
        Assert.Equal("shop.orders", root.GetProperty("ns").GetString());
        Assert.Equal("o-1", root.GetProperty("documentKey").GetProperty("_id").GetString());
        Assert.Equal(1_700_000_000u, root.GetProperty("clusterTime").GetProperty("t").GetUInt32());
        Assert.Equal(3u, root.GetProperty("clusterTime").GetProperty("i").GetUInt32());
        Assert.Equal("2023-11-14T22:13:20Z", root.GetProperty("time").GetString());
        var records = root.GetProperty("records").EnumerateArray().Select(r => (r.GetProperty("topic").GetString(), r.GetProperty("partition").GetInt32(), r.GetProperty("offset").GetInt64())).ToArray();
        Assert.Equal([("cdc.shop.orders", 2, 40L), ("cdc.shop.orders", 2, 41L)], records);

        // The event's other fields, as relaxed Extended JSON; the header's fields and the resume token are not repeated.
        var change = root.GetProperty("change");
        Assert.Equal(5, change.GetProperty("fullDocumentBeforeChange").GetProperty("qty").GetInt32());
        Assert.False(change.TryGetProperty("_id", out _));
        Assert.False(change.TryGetProperty("ns", out _));
    }

    [Fact]
    public async Task Every_client_gets_each_change_encoded_once_for_all()
    {
        using var feed = NewFeed();
        var clients = Enumerable.Range(0, 5).Select(_ => feed.Subscribe()).ToArray();
        try
        {
            feed.Captured(1, ChangeEvent("insert", "shop", "orders", "o-1"), records: 1);
            feed.Placed(1, "cdc.shop.orders", 0, 3);

            var messages = new List<byte[]>();
            foreach (var client in clients)
            {
                Assert.Equal("status", Type(await client.NextAsync(CancellationToken.None)));
                messages.Add((await client.NextAsync(CancellationToken.None)).Json);
            }

            Assert.All(messages, message => Assert.Same(messages[0], message));
            using var json = JsonDocument.Parse(messages[0]);
            Assert.Equal("o-1", json.RootElement.GetProperty("documentKey").GetProperty("_id").GetString());
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task Nothing_is_kept_while_nobody_watches()
    {
        using var feed = NewFeed();
        feed.Captured(1, ChangeEvent("insert", "shop", "orders", "o-1"), records: 1);
        feed.Placed(1, "t", 0, 0);
        Assert.False(feed.WantsPlacements);

        using var client = feed.Subscribe();
        Assert.True(feed.WantsPlacements);
        feed.Placed(1, "t", 0, 0);
        feed.Captured(2, ChangeEvent("insert", "shop", "orders", "o-2"), records: 1);
        feed.Placed(2, "t", 0, 1);

        // The first message is the status; the next change is o-2's: o-1 was never kept.
        Assert.Equal("status", Type(await client.NextAsync(CancellationToken.None)));
        using var next = JsonDocument.Parse((await client.NextAsync(CancellationToken.None)).Json);
        Assert.Equal("o-2", next.RootElement.GetProperty("documentKey").GetProperty("_id").GetString());
    }

    [Fact]
    public async Task A_client_that_does_not_read_loses_the_oldest_changes_and_is_told_how_many()
    {
        using var feed = NewFeed();
        using var client = feed.Subscribe();
        const int Changes = LiveChangeFeed.ClientQueueCapacity + 150;
        for (var i = 0; i < Changes; i++)
        {
            feed.Captured(i, ChangeEvent("insert", "shop", "orders", $"o-{i}"), records: 1);
            feed.Placed(i, "cdc.shop.orders", 0, i);
        }

        await WaitUntil(() => feed.Backlog == 0 && client.Queued == LiveChangeFeed.ClientQueueCapacity);

        // The status went first (not counted), then the 150 oldest changes; the newest ones are all there, in order.
        Assert.Equal(150, client.TakeSkipped());
        var offsets = new List<long>();
        while (client.Queued > 0)
        {
            using var message = JsonDocument.Parse((await client.NextAsync(CancellationToken.None)).Json);
            offsets.Add(message.RootElement.GetProperty("records")[0].GetProperty("offset").GetInt64());
        }

        Assert.Equal(Enumerable.Range(150, LiveChangeFeed.ClientQueueCapacity).Select(i => (long)i), offsets);
        Assert.Equal(0, client.TakeSkipped());
    }

    [Fact]
    public async Task Changes_never_acknowledged_are_given_up_past_the_bound_and_counted_as_skipped()
    {
        using var feed = NewFeed();
        using var client = feed.Subscribe();
        for (var i = 0; i < LiveChangeFeed.MaxPending + 10; i++)
        {
            feed.Captured(i, ChangeEvent("insert", "shop", "orders", $"o-{i}"), records: 1);
        }

        Assert.Equal(10, client.TakeSkipped());

        // The given-up ones are gone for good: a late placement of one is ignored; a kept one still comes through.
        feed.Placed(0, "cdc.shop.orders", 0, 0);
        feed.Placed(LiveChangeFeed.MaxPending + 9, "cdc.shop.orders", 0, 99);
        Assert.Equal("status", Type(await client.NextAsync(CancellationToken.None)));
        using var message = JsonDocument.Parse((await client.NextAsync(CancellationToken.None)).Json);
        Assert.Equal($"o-{LiveChangeFeed.MaxPending + 9}", message.RootElement.GetProperty("documentKey").GetProperty("_id").GetString());
    }

    [Fact]
    public async Task A_new_cycle_forgets_what_the_last_one_left_pending()
    {
        using var feed = NewFeed();
        using var client = feed.Subscribe();
        feed.Captured(0, ChangeEvent("insert", "shop", "orders", "old"), records: 1);
        feed.Reset();
        feed.Captured(0, ChangeEvent("insert", "shop", "orders", "new"), records: 1);
        feed.Placed(0, "cdc.shop.orders", 0, 5);

        Assert.Equal("status", Type(await client.NextAsync(CancellationToken.None)));
        using var message = JsonDocument.Parse((await client.NextAsync(CancellationToken.None)).Json);
        Assert.Equal("new", message.RootElement.GetProperty("documentKey").GetProperty("_id").GetString());
    }

    [Fact]
    public async Task An_event_over_the_shown_size_keeps_its_header_and_says_how_large_it_was()
    {
        using var feed = NewFeed();
        using var client = feed.Subscribe();
        var large = ChangeEvent("insert", "shop", "orders", "big", body: new string('x', LiveChangeFeed.MaxShownEventBytes));
        feed.Captured(3, large, records: 1);
        feed.Placed(3, "cdc.shop.orders", 1, 9);

        Assert.Equal("status", Type(await client.NextAsync(CancellationToken.None)));
        using var message = JsonDocument.Parse((await client.NextAsync(CancellationToken.None)).Json);
        var root = message.RootElement;
        Assert.Equal(large.Length, root.GetProperty("omittedBytes").GetInt32());
        Assert.Equal("insert", root.GetProperty("operationType").GetString());
        Assert.Equal("big", root.GetProperty("documentKey").GetProperty("_id").GetString());
        Assert.False(root.GetProperty("change").TryGetProperty("fullDocument", out _));
    }

    [Fact]
    public async Task A_client_that_leaves_is_no_longer_fed()
    {
        using var feed = NewFeed();
        using var staying = feed.Subscribe();
        var leaving = feed.Subscribe();
        Assert.Equal(2, feed.ClientCount);
        leaving.Dispose();
        Assert.Equal(1, feed.ClientCount);

        feed.Captured(1, ChangeEvent("insert", "shop", "orders", "o-1"), records: 1);
        feed.Placed(1, "cdc.shop.orders", 0, 3);

        // The change was fanned out: the client that stayed gets it.
        Assert.Equal("status", Type(await staying.NextAsync(CancellationToken.None)));
        Assert.Equal("change", Type(await staying.NextAsync(CancellationToken.None)));

        // The one that left reads what was queued before it left, never the change, and then its channel is closed.
        var drained = new List<string?>();
        await Assert.ThrowsAsync<ChannelClosedException>(async () =>
        {
            while (true)
            {
                drained.Add(Type(await leaving.NextAsync(CancellationToken.None)));
            }
        });
        Assert.DoesNotContain("change", drained);

        staying.Dispose();
        Assert.Equal(0, feed.ClientCount);
        Assert.False(feed.IsActive);
    }

    private static LiveChangeFeed NewFeed() => new(new ConnectorStatus(), new PipelineCounters(), statusInterval: TimeSpan.FromHours(1));

    private static string? Type(LiveMessage message)
    {
        using var json = JsonDocument.Parse(message.Json);
        return json.RootElement.GetProperty("type").GetString();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within the deadline");
            await Task.Delay(10);
        }
    }

    private static byte[] ChangeEvent(string operationType, string database, string collection, string id, string? body = null)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteStartDocument("_id");
        writer.WriteString("_data", "8265535E80000000032B0429296E1404");
        writer.WriteEndDocument();
        writer.WriteString("operationType", operationType);
        writer.WriteTimestamp("clusterTime", new BsonTimestamp(1_700_000_000, 3));
        writer.WriteDateTime("wallTime", 1_700_000_000_123);
        writer.WriteStartDocument("ns");
        writer.WriteString("db", database);
        writer.WriteString("coll", collection);
        writer.WriteEndDocument();
        writer.WriteStartDocument("documentKey");
        writer.WriteString("_id", id);
        writer.WriteEndDocument();
        if (operationType == "delete")
        {
            writer.WriteStartDocument("fullDocumentBeforeChange");
            writer.WriteString("_id", id);
            writer.WriteInt32("qty", 5);
            writer.WriteEndDocument();
        }
        else
        {
            writer.WriteStartDocument("fullDocument");
            writer.WriteString("_id", id);
            writer.WriteString("body", body ?? Encoding.ASCII.GetString([(byte)'a']));
            writer.WriteEndDocument();
        }

        writer.WriteEndDocument();
        return writer.ToArray();
    }
}
