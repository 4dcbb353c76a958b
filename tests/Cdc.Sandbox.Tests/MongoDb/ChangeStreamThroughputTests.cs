using System.Diagnostics;
using Cdc.Sandbox.MongoDb.Documents;
using Xunit.Abstractions;
using static Cdc.Sandbox.Tests.MongoDb.ChangeStreamHarness;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>The server side alone: how fast the change stream cursor turns oplog entries into encoded events.</summary>
public sealed class ChangeStreamThroughputTests
{
    private const int Total = 50_000;

    private readonly ITestOutputHelper _output;

    public ChangeStreamThroughputTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task The_change_stream_cursor_encodes_fifty_thousand_insert_events_in_order()
    {
        var harness = new CommandHarness(oplogCapacity: 100_000);
        var stream = await OpenAsync(harness, new Doc());
        for (var start = 0; start < Total; start += 1000)
        {
            var documents = new List<DocValue>(1000);
            for (var i = start; i < start + 1000; i++)
            {
                documents.Add(D(new Doc().Add("_id", i).Add("name", $"item-{i}").Add("price", i * 0.5).Add("tags", Array(S("a"), S("b")))));
            }

            await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", DocValue.FromArray(documents)));
        }

        var watch = Stopwatch.StartNew();
        var next = 0;
        while (next < Total)
        {
            var (events, _) = await GetMoreAsync(harness, stream, maxTimeMS: 1000);
            Assert.NotEmpty(events);
            foreach (var change in events)
            {
                Assert.Equal(next++, change["documentKey"]!.Document["_id"]!.Int32);
            }
        }

        watch.Stop();
        var perSecond = Total / watch.Elapsed.TotalSeconds;
        // Reported, not asserted: the rate says as much about the other work on this machine as about the cursor.
        _output.WriteLine($"{Total} change events served (getMore, encoded and decoded again by the test) in {watch.ElapsedMilliseconds} ms ({perSecond:N0}/s)");
    }
}
