using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 14, part 4: two `cdc run` processes with the same pipeline.name and checkpoint never both write it. The second
/// one refuses to start naming the first; once the first is killed with -9, a new one starts at once on its checkpoint.
/// </summary>
public sealed class OneWriterTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task File_store_a_second_run_on_the_same_checkpoint_exits_1_naming_the_first_and_a_run_after_kill_9_starts()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "writer-file", "a");
        var first = scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "a"));
        await scenario.WaitUntilStreamingAsync("a");

        var second = await RefusedSecondRunAsync(scenario, first);
        Assert.Contains(scenario.CheckpointPath + ".lock", second, StringComparison.Ordinal);
        await KillAndRestartAsync(scenario, first);
    }

    [Fact]
    public async Task MongoDb_store_a_second_run_exits_1_naming_the_first_and_a_run_after_kill_9_starts_once_the_lease_expires()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "writer-mongo", "a");
        var first = scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "a"), config =>
            config["checkpoint"] = new JsonObject { ["store"] = "mongodb", ["collection"] = scenario.Database + "_cdc.checkpoints", ["intervalMs"] = 200 });
        await scenario.WaitUntilStreamingAsync("a");

        await RefusedSecondRunAsync(scenario, first);
        await KillAndRestartAsync(scenario, first);
    }

    [FencingKafkaFact]
    public async Task Kafka_store_a_second_run_takes_over_and_the_first_stops_at_its_next_commit_with_exit_1()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "writer-kafka", "a");
        using var first = scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "a"), UseKafkaStore(scenario));
        await scenario.WaitUntilStreamingAsync("a");

        var second = scenario.RestartConnectorBeside();
        await AssertStillPublishingAsync(scenario, "after-takeover");
        var exit = await first.WaitForExit(ExitDeadline);
        scenario.Log($"--- first connector ---\n{first.Output}");
        Assert.True(exit == 1, $"The fenced connector did not exit 1.\n{first.Describe()}");
        Assert.Contains($"Another cdc run took over pipeline '{scenario.PipelineName}'", first.Output, StringComparison.Ordinal);
        Assert.False(second.HasExited, $"The connector that took over stopped.\n{second.Describe()}");
    }

    private static Action<JsonObject> UseKafkaStore(ConnectorScenario scenario) => config =>
        config["checkpoint"] = new JsonObject { ["store"] = "kafka", ["topic"] = scenario.TopicPrefix + ".checkpoints", ["intervalMs"] = 200 };

    /// <summary>A new document of collection a reaches Kafka: the running connector is the one writer and works.</summary>
    private static async Task AssertStillPublishingAsync(ConnectorScenario scenario, string id)
    {
        var topic = scenario.Topic("a");
        scenario.RunOperations(scenario.Database, new JsonObject { ["op"] = "insert", ["coll"] = "a", ["doc"] = new JsonObject { ["_id"] = id, ["v"] = 1 } });
        var published = await scenario.Reader.WaitForAsync(r => r.Topic == topic && r.DocumentKey != null && r.DocumentKey.Contains(id, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.True(published, $"Document {id} did not reach {topic}.\n{scenario.Connector.Describe()}");
    }

    /// <summary>Starts a second connector on the same configuration: it must exit 1 naming <paramref name="first"/>; returns its output.</summary>
    private static async Task<string> RefusedSecondRunAsync(ConnectorScenario scenario, ConnectorProcess first)
    {
        using var second = ConnectorProcess.Start(scenario.Config, Path.Combine(scenario.Directory, "second"));
        var exit = await second.WaitForExit(ExitDeadline);
        scenario.Log($"--- second connector ---\n{second.Output}");
        Assert.True(exit == 1, $"The second connector did not exit 1.\n{second.Describe()}");
        Assert.Contains($"Another cdc run holds pipeline '{scenario.PipelineName}' (host {Environment.MachineName} pid {first.Id} since ", second.Output, StringComparison.Ordinal);
        return second.Output;
    }

    /// <summary>The first keeps publishing after the refusal; killed with -9, a new run starts on its checkpoint and publishes.</summary>
    private static async Task KillAndRestartAsync(ConnectorScenario scenario, ConnectorProcess first)
    {
        Assert.False(first.HasExited, $"The first connector stopped when the second was refused.\n{first.Describe()}");
        await AssertStillPublishingAsync(scenario, "after-refusal");

        first.Kill();
        scenario.RestartConnector();
        await AssertStillPublishingAsync(scenario, "after-kill");
    }
}
