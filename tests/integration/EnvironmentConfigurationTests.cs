using System.Text.Json;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 14, part 3: the real `cdc run` configured by CDC__ environment variables alone, as a container or a service
/// manager configures it (docs/configuration.md), with `--set` on top winning over the variable of the same key; and a
/// variable with a bad value stopping it with a message that names the variable.
/// </summary>
public sealed class EnvironmentConfigurationTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_configured_only_by_CDC_variables_publishes_and_commits_the_pipeline_they_name()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "env-only", "a");

        scenario.StartConnectorFromEnvironment(Variables(scenario, scenario.TopicPrefix, scenario.PipelineName));

        await scenario.WaitUntilStreamingAsync("a");
        Assert.Equal(scenario.PipelineName, await CommittedPipelineAsync(scenario));
    }

    [Fact]
    public async Task A_set_argument_wins_over_the_CDC_variable_of_the_same_key()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "env-set", "a");
        var variables = Variables(scenario, topicPrefix: UniqueNames.For("it_env"), pipelineName: UniqueNames.For("env_pipeline"));

        scenario.StartConnectorFromEnvironment(
            variables,
            "--set",
            $"kafka.topicPrefix={scenario.TopicPrefix}",
            "--set",
            $"pipeline.name={scenario.PipelineName}");

        // The reader watches only the --set prefix: a record there is the effect of --set, not of CDC__KAFKA__TOPICPREFIX.
        await scenario.WaitUntilStreamingAsync("a");
        Assert.Equal(scenario.PipelineName, await CommittedPipelineAsync(scenario));
    }

    [Theory]
    [InlineData("CDC__MONGODB__BATCHSIZE", "ten", "configuration: 'mongodb.batchSize' must be an integer ≥ 0; got \"ten\" (in environment variable CDC__MONGODB__BATCHSIZE).")]
    [InlineData("CDC__KAFKA__PRODUCER__LINGER_MS", "banana", "configuration: 'kafka.producer.linger.ms' is refused by librdkafka: ")]
    public async Task A_CDC_variable_with_a_bad_value_stops_run_with_exit_1_naming_the_variable(string variable, string value, string message)
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "env-bad", "a");
        var variables = Variables(scenario, scenario.TopicPrefix, scenario.PipelineName);
        variables[variable] = value;

        var connector = scenario.StartConnectorFromEnvironment(variables);

        var exit = await connector.WaitForExit(ExitDeadline);
        Assert.True(exit == 1, $"cdc run did not exit 1 on {variable}={value}.\n{connector.Describe()}");
        var line = Assert.Single(connector.StderrLines, line => line.StartsWith("cdc run: ", StringComparison.Ordinal));
        Assert.StartsWith("cdc run: " + message, line, StringComparison.Ordinal);
        Assert.Contains($"(in environment variable {variable})", line, StringComparison.Ordinal);
        Assert.False(File.Exists(scenario.CheckpointPath), "cdc run committed a checkpoint although its configuration was refused.");
    }

    /// <summary>
    /// Everything a `cdc run` of this scenario needs, as CDC__ variables with the names docs/configuration.md gives
    /// (section and key in upper case, as deployment manifests write them).
    /// </summary>
    private static Dictionary<string, string> Variables(ConnectorScenario scenario, string topicPrefix, string pipelineName) => new(StringComparer.Ordinal)
    {
        ["CDC__MONGODB__URI"] = scenario.Endpoints.MongoDbUri,
        ["CDC__MONGODB__SCOPE"] = "collection",
        ["CDC__MONGODB__DATABASE"] = scenario.Database,
        ["CDC__MONGODB__COLLECTION"] = "a",
        ["CDC__MONGODB__MAXAWAITTIMEMS"] = "200",
        ["CDC__KAFKA__BOOTSTRAPSERVERS"] = scenario.Endpoints.KafkaBootstrapServers,
        ["CDC__KAFKA__TOPICPREFIX"] = topicPrefix,
        // gzip, not the default lz4: only it/read-kafka.mjs registers an lz4 codec for kafkajs, the other kafkajs scripts read gzip only (the default lz4 is read from outside in DemoTests).
        ["CDC__KAFKA__PRODUCER__COMPRESSION_TYPE"] = "gzip",
        ["CDC__SCHEMAREGISTRY__URL"] = scenario.Endpoints.SchemaRegistryUrl,
        ["CDC__CHECKPOINT__STORE"] = "file",
        ["CDC__CHECKPOINT__PATH"] = scenario.CheckpointPath,
        ["CDC__CHECKPOINT__INTERVALMS"] = "200",
        ["CDC__HTTP__HOST"] = "127.0.0.1",
        ["CDC__HTTP__PORT"] = "0",
        ["CDC__PIPELINE__NAME"] = pipelineName,
    };

    /// <summary>The pipeline name in the checkpoint file once the connector has committed one.</summary>
    private static async Task<string?> CommittedPipelineAsync(ConnectorScenario scenario)
    {
        var deadline = DateTime.UtcNow + Deadlines.Step;
        while (!File.Exists(scenario.CheckpointPath))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No checkpoint at {scenario.CheckpointPath}.\n{scenario.Connector.Describe()}");
            await Task.Delay(200);
        }

        using var checkpoint = JsonDocument.Parse(File.ReadAllBytes(scenario.CheckpointPath));
        return checkpoint.RootElement.GetProperty("pipeline").GetString();
    }
}
