using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 13: while reading is paused because the Schema Registry cannot register a schema, /readyz answers 503 and says
/// so in its body, and every failed registry call is counted in cdc_errors_total{kind="schema_registry"}; /healthz
/// stays 200 (restarting would not bring the registry back). Once the registry answers, reading resumes and /readyz
/// answers 200 again, without a restart. Deadlines are generous; nothing here asserts how fast it happens.
/// </summary>
public sealed class RegistryReadinessTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SandboxFaultFact]
    public async Task Readyz_fails_naming_the_registry_while_it_answers_503_counts_each_failed_call_and_recovers_when_it_is_back()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "regready", "a", "b");
        using var control = new SandboxControl(fixture.Endpoints);
        var connector = scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        using var endpoint = await OperationsEndpoint.FindAsync(connector, TimeSpan.FromSeconds(30));
        await scenario.WaitUntilStreamingAsync("a");
        await endpoint.WaitForReadinessAsync((status, _) => status == 200, "ready", Patience, connector);
        Assert.Equal(0, SchemaRegistryErrors(endpoint.Scrape()));

        // Topic a's schemas are cached; the first event of b needs the registry, which now fails every request.
        JsonElement paused;
        double counted;
        await control.FailRegistryUntilClearedAsync(503);
        try
        {
            scenario.RunOperations(scenario.Database, Insert("b", "b-1"));
            paused = await endpoint.WaitForReadinessAsync(IsPausedByTheRegistry, "not ready for the Schema Registry", Patience, connector);
            counted = await WaitForSchemaRegistryErrorsAsync(endpoint, connector);
            var (health, healthBody) = await endpoint.GetAsync("/healthz");
            Assert.True(health == 200, $"/healthz answered {health} {healthBody} while the registry was down.\n{connector.Describe()}");
        }
        finally
        {
            await control.ClearRegistryFaultsAsync();
        }

        scenario.Log($"/readyz while the registry answered 503: {paused}; cdc_errors_total{{kind=\"schema_registry\"}} {counted}");
        Assert.False(paused.GetProperty("ready").GetBoolean());
        Assert.Contains($"subject '{scenario.Topic("b")}-", paused.GetProperty("pipeline").GetString(), StringComparison.Ordinal);

        var again = await endpoint.WaitForReadinessAsync((status, _) => status == 200, "ready again", Patience, connector);
        Assert.Equal("reading", again.GetProperty("pipeline").GetString());
        Assert.True(await scenario.Reader.WaitForAsync(r => r.Topic == scenario.Topic("b"), Patience), $"b's event was not published once the registry answered.\n{connector.Describe()}");
        Assert.Equal(0, OutputLines.Count(connector.Output, "Pipeline cycle failed"));
        Assert.False(connector.HasExited, connector.Describe());
    }

    [Fact]
    public async Task Readyz_fails_and_the_registry_error_counter_rises_while_the_registry_url_is_a_dead_port()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "regdead", "a");
        var connector = scenario.StartConnector(
            ConnectorConfig.DatabaseScope(scenario.Database),
            config => config["schemaRegistry"]!["url"] = "http://127.0.0.1:1");
        using var endpoint = await OperationsEndpoint.FindAsync(connector, TimeSpan.FromSeconds(30));

        // Registering the schemas ahead fails (logged) and is left to the first event, which nothing needs before: the
        // stream opens and the connector is ready.
        await endpoint.WaitForReadinessAsync((status, _) => status == 200, "ready before any event", Patience, connector);
        scenario.RunOperations(scenario.Database, Insert("a", "a-1"));

        var paused = await endpoint.WaitForReadinessAsync(IsPausedByTheRegistry, "not ready for the Schema Registry", Patience, connector);
        var counted = await WaitForSchemaRegistryErrorsAsync(endpoint, connector);
        scenario.Log($"/readyz with the registry at a dead port: {paused}; cdc_errors_total{{kind=\"schema_registry\"}} {counted}");

        Assert.Contains("127.0.0.1:1", paused.GetProperty("pipeline").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", paused.GetProperty("kafka").GetString());
        Assert.False(connector.HasExited, connector.Describe());
    }

    private static bool IsPausedByTheRegistry(int status, JsonElement body) =>
        status == 503
        && body.GetProperty("pipeline").GetString() is { } pipeline
        && pipeline.StartsWith("paused", StringComparison.Ordinal)
        && pipeline.Contains("Schema Registry", StringComparison.Ordinal);

    private static double SchemaRegistryErrors(PrometheusScrape scrape) =>
        scrape.ByLabel("cdc_errors_total", "kind").GetValueOrDefault("schema_registry");

    /// <summary>Scrapes /metrics until cdc_errors_total{kind="schema_registry"} is above 0; its value then.</summary>
    private static async Task<double> WaitForSchemaRegistryErrorsAsync(OperationsEndpoint endpoint, ConnectorProcess connector)
    {
        var clock = Stopwatch.StartNew();
        var count = 0.0;
        while (clock.Elapsed < Patience)
        {
            count = SchemaRegistryErrors(endpoint.Scrape());
            if (count > 0)
            {
                return count;
            }

            await Task.Delay(500);
        }

        throw new Xunit.Sdk.XunitException($"cdc_errors_total{{kind=\"schema_registry\"}} stayed at {count} while the registry failed.\n{connector.Describe()}");
    }

    private static JsonObject Insert(string collection, string id) =>
        new() { ["op"] = "insert", ["coll"] = collection, ["doc"] = new JsonObject { ["_id"] = id, ["v"] = 0 } };
}
