using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Tests.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 17: the live view of `cdc run` (http.liveView) in a real headless Chromium (Debian's, driven by Playwright):
/// each change of a workload appears once Kafka acknowledged it, with the topic, partition and offset an independent
/// Kafka reader finds it at; the namespace and operation filters and the pause button work; the page reconnects by
/// itself after the connector restarts. A screenshot of the page is saved under artifacts/screenshots.
/// </summary>
public sealed class LiveViewTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private static readonly float BrowserDeadlineMs = (float)Deadlines.Step.TotalMilliseconds;

    [Fact]
    public async Task The_page_shows_every_acknowledged_change_at_its_kafka_position_filters_pauses_and_reconnects()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "live", "orders", "users");
        var port = FreeLoopbackPort();
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config =>
        {
            config["http"]!["port"] = port;
            config["http"]!["liveView"] = true;
        });
        using var endpoint = await OperationsEndpoint.FindAsync(scenario.Connector, Deadlines.Step);
        await scenario.WaitUntilStreamingAsync("orders");
        Assert.Contains("Live view on", scenario.Connector.Output, StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 900 } });
        await page.GotoAsync(endpoint.Address.ToString());
        await WaitForTextAsync(page, "#connection", "live");

        // The workload: inserts in two collections, updates, a replace and deletes (each followed by its tombstone).
        var operations = new List<JsonObject>();
        for (var i = 1; i <= 6; i++)
        {
            operations.Add(Insert("orders", $"o-{i}", new JsonObject { ["_id"] = $"o-{i}", ["item"] = $"item {i}", ["qty"] = i }));
        }

        for (var i = 1; i <= 3; i++)
        {
            operations.Add(Insert("users", $"u-{i}", new JsonObject { ["_id"] = $"u-{i}", ["name"] = $"user {i}" }));
        }

        operations.Add(new JsonObject { ["op"] = "update", ["coll"] = "orders", ["id"] = "o-1", ["update"] = new JsonObject { ["$set"] = new JsonObject { ["qty"] = 10 } } });
        operations.Add(new JsonObject { ["op"] = "update", ["coll"] = "orders", ["id"] = "o-2", ["update"] = new JsonObject { ["$inc"] = new JsonObject { ["qty"] = 5 } } });
        operations.Add(new JsonObject { ["op"] = "replace", ["coll"] = "orders", ["id"] = "o-3", ["doc"] = new JsonObject { ["item"] = "replaced", ["qty"] = 0 } });
        operations.Add(new JsonObject { ["op"] = "delete", ["coll"] = "orders", ["id"] = "o-4" });
        operations.Add(new JsonObject { ["op"] = "delete", ["coll"] = "users", ["id"] = "u-1" });
        scenario.RunOperations(scenario.Database, [.. operations]);
        var workloadChanges = operations.Count;

        var rows = await WaitForRowsAsync(page, row => IsWorkloadKey(row.Key), workloadChanges);
        Assert.True(await scenario.Reader.WaitForAsync(r => r.Topic == scenario.Topic("users") && r.IsTombstone, Deadlines.Step), "the tombstone of u-1 never reached Kafka");

        // Every change of the workload once, each at the topic/partition/offset where the independent reader found a
        // record of the same operation and document key.
        var workloadRows = rows.Where(row => IsWorkloadKey(row.Key)).ToList();
        Assert.Equal(workloadChanges, workloadRows.Count);
        Assert.Equal(
            ["delete", "delete", "insert", "insert", "insert", "insert", "insert", "insert", "insert", "insert", "insert", "replace", "update", "update"],
            workloadRows.Select(row => row.Op).Order(StringComparer.Ordinal).ToArray());
        foreach (var row in workloadRows)
        {
            bool At(DecodedRecord r) => r.Topic == row.Topic && r.Partition == row.Partition && r.Offset == row.Offset;
            Assert.True(await scenario.Reader.WaitForAsync(At, Deadlines.Step), $"No Kafka record at {row.Topic}/{row.Partition}@{row.Offset}, where the page shows {row}.");
            var record = scenario.Reader.Records.Snapshot().Single(At);
            Assert.Equal(row.Op, record.OperationType);
            Assert.Equal(JsonText.Compact(row.Key), record.DocumentKey);
            Assert.Equal(scenario.Topic(row.Namespace.Split('.')[1]), row.Topic);
        }

        // Newest first: within a partition, offsets fall down the page.
        foreach (var partition in workloadRows.GroupBy(row => (row.Topic, row.Partition)))
        {
            var offsets = partition.Select(row => row.Offset).ToArray();
            Assert.Equal(offsets.OrderDescending().ToArray(), offsets);
        }

        // The change itself is shown: the update's description, the insert's document.
        var updateDetail = await page.Locator("#rows tr.change[data-op=update]").First.EvaluateAsync<string>("row => row.nextElementSibling.textContent");
        Assert.Contains("updateDescription", updateDetail, StringComparison.Ordinal);

        // Filters: the operation boxes, then the namespace.
        foreach (var op in new[] { "insert", "update", "replace", "snapshot", "other" })
        {
            await page.Locator($"input[name=op][value={op}]").UncheckAsync();
        }

        var visible = await VisibleRowsAsync(page);
        Assert.NotEmpty(visible);
        Assert.All(visible, row => Assert.Equal("delete", row.Op));
        Assert.Equal(2, visible.Count(row => IsWorkloadKey(row.Key)));
        foreach (var op in new[] { "insert", "update", "replace", "snapshot", "other" })
        {
            await page.Locator($"input[name=op][value={op}]").CheckAsync();
        }

        var users = $"{scenario.Database}.users";
        await page.Locator("#ns-filter").SelectOptionAsync(users);
        visible = await VisibleRowsAsync(page);
        Assert.Equal(4, visible.Count);
        Assert.All(visible, row => Assert.Equal(users, row.Namespace));
        await page.Locator("#ns-filter").SelectOptionAsync(string.Empty);

        // The screenshot (docs/demo.md shows one): the update's detail opened.
        await page.Locator("#rows tr.change[data-op=update]").First.ClickAsync();
        var screenshots = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "live-view.png") });

        // Pause: changes are counted, not shown; resume shows the next ones again.
        var before = await page.Locator("#rows tr.change").CountAsync();
        await page.Locator("#pause").ClickAsync();
        scenario.RunOperations(scenario.Database, Insert("orders", "p-1"), Insert("orders", "p-2"), Insert("orders", "p-3"));
        await WaitForTextAsync(page, "#paused-count", "3 changes arrived while paused (not shown)");
        Assert.Equal(before, await page.Locator("#rows tr.change").CountAsync());
        await page.Locator("#pause").ClickAsync();
        scenario.RunOperations(scenario.Database, Insert("orders", "r-1"));
        var afterResume = await WaitForRowsAsync(page, row => row.Key.Contains("\"r-1\"", StringComparison.Ordinal), 1);
        Assert.DoesNotContain(afterResume, row => row.Key.Contains("\"p-", StringComparison.Ordinal));

        // The connector restarts on the same port: the page notices, reconnects by itself and shows new changes.
        scenario.Connector.Kill();
        await WaitForTextAsync(page, "#connection", "reconnecting");
        scenario.RestartConnector();
        using (var restarted = await OperationsEndpoint.FindAsync(scenario.Connector, Deadlines.Step))
        {
            Assert.Equal(endpoint.Address, restarted.Address);
        }

        await WaitForTextAsync(page, "#connection", "live");

        // Written at once: the restarted connector resumes from its checkpoint, so it reads this whenever its stream opens.
        scenario.RunOperations(scenario.Database, Insert("orders", "after-restart"));
        var afterRestart = await WaitForRowsAsync(page, row => row.Key.Contains("after-restart", StringComparison.Ordinal), 1);
        var shown = afterRestart.Single(row => row.Key.Contains("after-restart", StringComparison.Ordinal));
        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.Topic == shown.Topic && r.Partition == shown.Partition && r.Offset == shown.Offset && r.OperationType == "insert", Deadlines.Step),
            $"The page shows {shown} after the restart; no such record reached Kafka.");
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    [Fact]
    public async Task A_websocket_client_that_stops_reading_is_told_how_many_changes_it_skipped()
    {
        // Enough bytes (4,000 changes of 4 KB documents, ≈ 17 MB of messages) to fill the client's queue and every socket
        // buffer on the way while the client reads nothing.
        const int Inserts = 4000;
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "live-slow", "orders");
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["http"]!["liveView"] = true);
        using var endpoint = await OperationsEndpoint.FindAsync(scenario.Connector, Deadlines.Step);
        await scenario.WaitUntilStreamingAsync("orders");

        using var socket = new System.Net.WebSockets.ClientWebSocket();
        using (var connecting = new CancellationTokenSource(Deadlines.Step))
        {
            await socket.ConnectAsync(new Uri($"ws://{endpoint.Address.Authority}/changes"), connecting.Token);
        }

        var filler = new string('x', 4000);
        var operations = Enumerable.Range(0, Inserts)
            .Select(i => Insert("orders", $"slow-{i}", new JsonObject { ["_id"] = $"slow-{i}", ["filler"] = filler }))
            .ToArray();
        scenario.RunOperations(scenario.Database, operations);
        var last = $"{{\"_id\":\"slow-{Inserts - 1}\"}}";
        Assert.True(await scenario.Reader.WaitForAsync(r => r.DocumentKey == last, Deadlines.Workload), "the last insert never reached Kafka");

        // Only now does the client read: what it gets, plus what it is told it skipped, accounts for every change. Changes
        // come in the order Kafka acknowledged them, which across partitions is not the order of the writes, so the
        // client reads until the count is complete (or the deadline says some went missing without being counted).
        var received = 0;
        long skipped = 0;
        var buffer = new byte[64 * 1024];
        using var reading = new CancellationTokenSource(Deadlines.Workload);
        try
        {
            while (received + skipped < Inserts)
            {
                using var message = JsonDocument.Parse(await ReceiveTextAsync(socket, buffer, reading.Token));
                var root = message.RootElement;
                switch (root.GetProperty("type").GetString())
                {
                    case "skipped":
                        skipped += root.GetProperty("count").GetInt64();
                        break;
                    case "change" when root.GetProperty("documentKey").GetProperty("_id").GetString() is { } id && id.StartsWith("slow-", StringComparison.Ordinal):
                        received++;
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"received {received} + skipped {skipped} < {Inserts} after {Deadlines.Workload.TotalSeconds:0} s: changes went missing without being counted.");
        }

        scenario.Log($"received {received} changes, told of {skipped} skipped");
        Assert.True(skipped > 0, $"The client read nothing while {Inserts} changes went by, yet was told of no skipped change (received {received}).");
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }

    [Fact]
    public async Task Without_http_liveView_there_is_no_page_and_no_websocket()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "live-off", "orders");
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        using var endpoint = await OperationsEndpoint.FindAsync(scenario.Connector, Deadlines.Step);

        Assert.Equal(404, (await endpoint.GetAsync("/")).Status);
        Assert.Equal(404, (await endpoint.GetAsync("/changes")).Status);
        Assert.DoesNotContain("Live view on", scenario.Connector.Output, StringComparison.Ordinal);
    }

    private static JsonObject Insert(string collection, string id, JsonObject? document = null) =>
        new() { ["op"] = "insert", ["coll"] = collection, ["doc"] = document ?? new JsonObject { ["_id"] = id } };

    private static bool IsWorkloadKey(string key) => key.Contains("\"o-", StringComparison.Ordinal) || key.Contains("\"u-", StringComparison.Ordinal);

    private static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException("Debian's chromium is not installed: `./cdc test` installs it (apt-get install chromium).");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Timeout = BrowserDeadlineMs,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private static async Task WaitForTextAsync(IPage page, string selector, string text) =>
        await page.WaitForFunctionAsync(
            "([selector, text]) => (document.querySelector(selector)?.textContent ?? '').includes(text)",
            new object[] { selector, text },
            new PageWaitForFunctionOptions { Timeout = BrowserDeadlineMs, PollingInterval = 100 });

    /// <summary>Waits until at least <paramref name="count"/> kept rows satisfy <paramref name="predicate"/>; returns every kept row, top to bottom.</summary>
    private static async Task<IReadOnlyList<PageRow>> WaitForRowsAsync(IPage page, Func<PageRow, bool> predicate, int count)
    {
        var deadline = DateTime.UtcNow + Deadlines.Step;
        IReadOnlyList<PageRow> rows = [];
        while (DateTime.UtcNow < deadline)
        {
            rows = await RowsAsync(page, visibleOnly: false);
            if (rows.Count(predicate) >= count)
            {
                return rows;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"The page shows {rows.Count(predicate)} of the {count} expected rows:\n{string.Join("\n", rows)}");
    }

    private static Task<IReadOnlyList<PageRow>> VisibleRowsAsync(IPage page) => RowsAsync(page, visibleOnly: true);

    private static async Task<IReadOnlyList<PageRow>> RowsAsync(IPage page, bool visibleOnly)
    {
        var json = await page.EvaluateAsync<JsonElement>(
            """
            visibleOnly => [...document.querySelectorAll('#rows tr.change')]
              .filter(row => !visibleOnly || !row.classList.contains('hidden'))
              .map(row => ({ op: row.dataset.op, ns: row.dataset.ns, key: row.dataset.key, topic: row.dataset.topic,
                             partition: Number(row.dataset.partition), offset: Number(row.dataset.offset) }))
            """,
            visibleOnly);
        return [.. json.EnumerateArray().Select(row => new PageRow(
            row.GetProperty("op").GetString()!,
            row.GetProperty("ns").GetString()!,
            row.GetProperty("key").GetString()!,
            row.GetProperty("topic").GetString()!,
            row.GetProperty("partition").GetInt32(),
            row.GetProperty("offset").GetInt64()))];
    }

    private static async Task<string> ReceiveTextAsync(System.Net.WebSockets.ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            Assert.NotEqual(System.Net.WebSockets.WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record PageRow(string Op, string Namespace, string Key, string Topic, int Partition, long Offset);
}
