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
    private const int Advances = 3;

    [Fact]
    public async Task An_idle_filtered_stream_keeps_committing_an_advancing_token()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "idle", "quiet");
        scenario.StartConnector(
            ConnectorConfig.DatabaseScope(scenario.Database),
            config => config["mongodb"]!["includeNamespaces"] = new JsonArray($"{scenario.Database}.quiet"));
        await scenario.WaitUntilStreamingAsync("quiet");
        var before = CheckpointFile.ReadTokenData(scenario.CheckpointPath);

        // The busy collection's writes as MongoDB reports them: a committed token past the first of them was committed
        // because the filtered stream moved on over the busy writes (the quiet collection's sentinels all come before).
        using var busy = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "collection", scenario.Database, "busy");
        var seen = new List<string>();
        int AdvancesPastBusyWrites() =>
            busy.Snapshot() is [var first, ..] ? seen.Count(token => string.CompareOrdinal(token, first.Token) >= 0) : 0;

        // Writes go on until the committed token has advanced over them a few times, however slowly this machine runs.
        using (var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, ["busy"], operations: 40_000, ratePerSecond: 400, seed: 9))
        {
            var deadline = DateTime.UtcNow + Deadlines.Workload;
            while (AdvancesPastBusyWrites() < Advances)
            {
                Assert.True(
                    DateTime.UtcNow < deadline && !workload.HasExited,
                    $"The committed token advanced over the busy collection's writes only {AdvancesPastBusyWrites()} times ({busy.Count} writes).\n{CheckpointFile.Describe(scenario.CheckpointPath)}\n{scenario.Connector.Describe()}");
                await Task.Delay(200);
                if (CheckpointFile.ReadTokenData(scenario.CheckpointPath) is { } token && (seen.Count == 0 || seen[^1] != token))
                {
                    seen.Add(token);
                }
            }
        }

        // The writes have stopped: the committed token reaches the head, where resuming the unfiltered database stream
        // from it finds nothing left.
        string? last = null;
        var left = -1;
        var headDeadline = DateTime.UtcNow + Deadlines.Step;
        while (left != 0 && DateTime.UtcNow < headDeadline)
        {
            await Task.Delay(500);
            last = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
            var input = new JsonObject { ["uri"] = fixture.Endpoints.MongoDbUri, ["db"] = scenario.Database, ["token"] = last };
            using var after = JsonDocument.Parse(NodeScript.Run("it/count-after.mjs", input.ToJsonString() + "\n", Deadlines.Step));
            left = after.RootElement.GetProperty("events").GetInt32();
        }

        output.WriteLine($"committed tokens while the busy collection was written: {seen.Count} distinct; first {before}, last {last}; {busy.Count} busy writes");
        Assert.True(left == 0, $"{left} events of the database follow the last committed token {last}.\n{CheckpointFile.Describe(scenario.CheckpointPath)}\n{scenario.Connector.Describe()}");

        // Nothing but the quiet collection's sentinels was published.
        await scenario.Reader.StopAsync();
        Assert.All(scenario.Reader.Records.Snapshot(), r => Assert.True(
            r.Topic == scenario.Topic("quiet") && r.DocumentKey is { } key && key.StartsWith("{\"_id\":\"sentinel-", StringComparison.Ordinal),
            $"Unexpected record {r}"));
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());
    }
}
