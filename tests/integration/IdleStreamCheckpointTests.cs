using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Tests.Shared;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 4, scenario 9: a stream filtered to a quiet collection while another collection of the database gets writes:
/// nothing is published for the busy one, yet the committed token advances (postBatchResumeToken) and ends at the head.
/// </summary>
public sealed class IdleStreamCheckpointTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    [Fact]
    public async Task An_idle_filtered_stream_keeps_committing_an_advancing_token()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "idle", "quiet");
        scenario.StartConnector(
            ConnectorConfig.DatabaseScope(scenario.Database),
            config => config["mongodb"]!["includeNamespaces"] = new JsonArray($"{scenario.Database}.quiet"));
        await scenario.WaitUntilStreamingAsync("quiet");
        await Task.Delay(1000);
        var before = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
        var published = scenario.Reader.Records.Count;

        using var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, ["busy"], operations: 2000, ratePerSecond: 400, seed: 9);
        var seen = new List<string?>();
        while (!workload.HasExited)
        {
            await Task.Delay(250);
            var token = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
            if (seen.Count == 0 || seen[^1] != token)
            {
                seen.Add(token);
            }
        }

        await workload.CompletionAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(2000);
        var last = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
        output.WriteLine($"committed tokens while the busy collection was written: {seen.Count} distinct; first {before}, last {last}");
        Assert.True(seen.Count(t => t != before) >= 3, $"The committed token advanced only {seen.Count(t => t != before)} times in about 5 s of writes to another collection.\n{CheckpointFile.Describe(scenario.CheckpointPath)}\n{scenario.Connector.Describe()}");

        // The last committed token is at the head: resuming the unfiltered database stream from it finds nothing left.
        var input = new JsonObject { ["uri"] = fixture.Endpoints.MongoDbUri, ["db"] = scenario.Database, ["token"] = last };
        using var after = JsonDocument.Parse(NodeScript.Run("it/count-after.mjs", input.ToJsonString() + "\n", TimeSpan.FromSeconds(30)));
        Assert.Equal(0, after.RootElement.GetProperty("events").GetInt32());
        await scenario.Reader.StopAsync();
        Assert.Equal(published, scenario.Reader.Records.Count);
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.Topic == scenario.Topic("busy"));
    }
}
