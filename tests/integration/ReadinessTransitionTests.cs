using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 5: /readyz follows the connector through starting → ready → Kafka down → ready again, naming the check that
/// fails, while /healthz stays 200 throughout (a restart would not bring Kafka back). The start is held by MongoDB's
/// own failCommand fail point on the connector's aggregate, so "starting" is observed for sure.
/// </summary>
public sealed class ReadinessTransitionTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const string FailCommand = "failCommand";
    // How long the stream's open is held: the window in which the test must look at /readyz once the connector
    // announced its address. Long, because on a loaded machine the announcement can reach the test seconds late; the
    // test waits this long for "ready" in any case.
    private const int OpenBlockMs = 20_000;

    [SandboxFaultFact]
    public async Task Readyz_goes_starting_to_ready_to_kafka_down_and_back_while_healthz_stays_ok()
    {
        var appName = UniqueNames.For("cdc-it-ready");
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "ready", "a");
        using var control = new SandboxControl(fixture.Endpoints);
        var firedBefore = MongoFailPoint.Configure(fixture.Endpoints, FailCommand, new JsonObject { ["times"] = 1 }, new JsonObject
        {
            ["failCommands"] = new JsonArray("aggregate"),
            ["appName"] = appName,
            ["blockConnection"] = true,
            ["blockTimeMS"] = OpenBlockMs,
        });
        try
        {
            var connector = scenario.StartConnector(
                ConnectorConfig.DatabaseScope(scenario.Database),
                config => config["mongodb"]!["uri"] = MongoFailPoint.WithAppName(fixture.Endpoints.MongoDbUri, appName));
            using var endpoint = await OperationsEndpoint.FindAsync(connector, Deadlines.Step);

            // Starting: the change stream's aggregate is held by the fail point.
            var starting = await endpoint.ReadinessAsync();
            Assert.True(starting.Status == 503, $"/readyz answered {starting.Status} {starting.Body} while the stream was still opening.\n{connector.Describe()}");
            Assert.False(starting.Body.GetProperty("ready").GetBoolean());
            Assert.Equal("starting", starting.Body.GetProperty("pipeline").GetString());
            await AssertHealthyAsync(endpoint, connector);

            var ready = await endpoint.WaitForReadinessAsync((status, _) => status == 200, "ready", TimeSpan.FromMilliseconds(OpenBlockMs) + Deadlines.Step, connector);
            Assert.Equal("reading", ready.GetProperty("pipeline").GetString());
            Assert.Equal("ok", ready.GetProperty("kafka").GetString());
            Assert.Equal("ok", ready.GetProperty("checkpoint").GetString());
            var fired = MongoFailPoint.Off(fixture.Endpoints, FailCommand) - firedBefore;
            Assert.True(fired == 1, $"The fail point holding the stream's open fired {fired} times, expected once.\n{connector.Describe()}");
            await scenario.WaitUntilStreamingAsync("a");

            await control.AllBrokersDownAsync();
            JsonElement down;
            try
            {
                down = await endpoint.WaitForReadinessAsync(
                    (status, body) => status == 503 && body.GetProperty("kafka").GetString()!.StartsWith("unreachable", StringComparison.Ordinal),
                    "not ready for Kafka",
                    Deadlines.Step,
                    connector);
                await AssertHealthyAsync(endpoint, connector);
                var scrape = endpoint.Scrape();
                Assert.Equal(0, scrape.Value("cdc_kafka_reachable"));
            }
            finally
            {
                await control.AllBrokersUpAsync();
            }

            scenario.Log($"/readyz with every broker down: {down}");
            Assert.False(down.GetProperty("ready").GetBoolean());
            Assert.Equal("reading", down.GetProperty("pipeline").GetString());

            var again = await endpoint.WaitForReadinessAsync((status, _) => status == 200, "ready again", Deadlines.Step, connector);
            Assert.Equal("ok", again.GetProperty("kafka").GetString());
            await AssertHealthyAsync(endpoint, connector);
            Assert.False(connector.HasExited, connector.Describe());
        }
        finally
        {
            MongoFailPoint.Off(fixture.Endpoints, FailCommand);
        }
    }

    private static async Task AssertHealthyAsync(OperationsEndpoint endpoint, ConnectorProcess connector)
    {
        var (status, body) = await endpoint.GetAsync("/healthz");
        Assert.True(status == 200 && body == "ok\n", $"/healthz answered {status} {body}\n{connector.Describe()}");
    }
}
