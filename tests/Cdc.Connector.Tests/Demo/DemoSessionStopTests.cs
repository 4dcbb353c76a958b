using System.Text.Json;
using Cdc.Cli;
using Cdc.Demo;

namespace Cdc.Connector.Tests.Demo;

/// <summary>
/// The demo stops its connector only once every change event the workload caused has been handed to Kafka, not merely
/// read: the first event of a topic waits for its schemas to be registered, and a stop during that wait abandons it
/// (at-least-once keeps it for a restart, which the demo does not do), so the run's counts would not add up.
/// </summary>
public sealed class DemoSessionStopTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Stop_waits_for_an_event_that_was_read_while_its_schemas_were_still_being_registered()
    {
        // One customer, then one write a second and no burst: the stop comes while the first event waits on the registry.
        // No seeded shop: its snapshot rows would be the first records to wait on the registry instead.
        var settings = new WorkloadSettings { OperationsPerSecond = 1, BurstEverySeconds = 3600, InitialCustomers = 1 };
        DemoSession? session = null;
        session = new DemoSession(settings, ConnectorHostForDemo.Create, line =>
        {
            // Said once the sandbox is up, before the connector starts: from here on every registry answer is slow.
            if (line.StartsWith("starting the connector", StringComparison.Ordinal))
            {
                session!.Sandbox!.SchemaRegistryFaults.SetDelay(TimeSpan.FromSeconds(1));
            }
        }, SeededShopSettings.None);
        await using (session)
        {
            await session.StartAsync(CancellationToken.None);
            var deadline = DateTime.UtcNow + Deadline;
            while (session.Snapshot().EventsRead < 1)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The connector read no event within {Deadline.TotalSeconds:0} s.");
                await Task.Delay(25);
            }

            var summary = await session.StopAsync();

            using var json = JsonDocument.Parse(summary.ToJson());
            var root = json.RootElement;
            var events = root.GetProperty("workload").GetProperty("events").GetInt64();
            Assert.True(events >= 1);
            Assert.Equal(events, root.GetProperty("connector").GetProperty("eventsPublished").GetInt64());
            Assert.Equal(events, root.GetProperty("consumer").GetProperty("records").GetInt64());
            Assert.True(summary.Ok, string.Join("; ", summary.Problems));
        }
    }
}
