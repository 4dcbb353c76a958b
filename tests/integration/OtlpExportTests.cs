using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 12: `cdc run` with telemetry.otlpEndpoint pushes its meter to a collector (an in-test OTLP/HTTP receiver) while
/// /metrics keeps serving the same counts, and pushes the final values once more when it stops.
/// </summary>
public sealed class OtlpExportTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const int Inserts = 20;
    private static readonly TimeSpan Deadline = Deadlines.Step;

    [Fact]
    public async Task A_running_connector_pushes_the_same_counts_over_otlp_as_metrics_shows_and_the_final_ones_when_it_stops()
    {
        using var receiver = new OtlpHttpReceiver();
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "otlp", "c");
        var connector = scenario.StartConnector(
            ConnectorConfig.CollectionScope(scenario.Database, "c"),
            config => config["telemetry"] = new JsonObject { ["otlpEndpoint"] = receiver.Address.ToString(), ["otlpIntervalMs"] = 300 });
        using var endpoint = await OperationsEndpoint.FindAsync(connector, Deadlines.Step);
        await scenario.WaitUntilStreamingAsync("c");
        var sentinels = endpoint.Scrape().ByLabel("cdc_events_published_total", "operation_type").GetValueOrDefault("insert");

        scenario.RunOperations(scenario.Database, [.. Enumerable.Range(0, Inserts).Select(i => OperationStep.Op("insert", "c", ("doc", new JsonObject { ["_id"] = $"o-{i}" })))]);
        var expected = sentinels + Inserts;
        var pushed = await receiver.WaitForAsync(
            export => export.Metric("cdc.events.published")?.Points.SingleOrDefault(point => point.Attributes.GetValueOrDefault("operation_type") == "insert")?.Value == expected,
            $"cdc.events.published{{operation_type=insert}} = {expected}",
            Deadline,
            connector);

        Assert.Contains($"Exporting metrics over OTLP (http/protobuf) to {receiver.Address}v1/metrics every 300 ms", connector.Output, StringComparison.Ordinal);
        Assert.Equal(("/v1/metrics", "application/x-protobuf"), (pushed.Path, pushed.ContentType));
        Assert.Equal(("cdc", scenario.PipelineName), (pushed.Export.Resource["service.name"], pushed.Export.Resource["service.instance.id"]));
        var scrape = endpoint.Scrape();
        Assert.Equal(expected, scrape.ByLabel("cdc_events_published_total", "operation_type")["insert"]);
        Assert.Equal(
            scrape.ByLabel("cdc_errors_total", "kind").Keys.Order(StringComparer.Ordinal),
            pushed.Export.Metric("cdc.errors")!.Points.Select(point => point.Attributes["kind"]).Order(StringComparer.Ordinal));

        // Stopping: one more export once the pipeline has stopped (phase "stopped"), which no scrape can see any more.
        connector.Terminate();
        Assert.Equal(0, await connector.WaitForExit(Deadlines.Step));
        var final = await receiver.WaitForAsync(
            export => export.Metric("cdc.pipeline.phase")?.Points.SingleOrDefault(point => point.Attributes["phase"] == "stopped")?.Value == 1,
            "cdc.pipeline.phase{phase=stopped} = 1",
            Deadlines.Step,
            connector);
        Assert.True(final.Export.Metric("cdc.checkpoints.committed")!.Points.Single().Value > 0, connector.Describe());
        Assert.Equal(expected, final.Export.Metric("cdc.events.published")!.Point("operation_type", "insert").Value);
    }
}
