using System.Text.RegularExpressions;
using Cdc.Deployment.Tests;
using Cdc.Tests.Shared;
using Testcontainers.Kafka;

namespace Cdc.Integration.Tests;

/// <summary>
/// What the container stack would hand to Docker, checked without Docker: the images and settings docker-compose.yml
/// uses (one source of truth for "a real stack"), the registry wired to Kafka's listener for the shared network, and
/// the endpoints the tests get, shaped as CDC_IT_* would give them.
/// </summary>
public sealed partial class ContainerStackPlanTests
{
    private static readonly ContainerStackPlan Plan = ContainerStackPlan.Default;
    private static readonly ComposeFile Compose = ComposeFile.Load(Path.Combine(RepositoryRoot.Path, "docker-compose.yml"));

    [Fact]
    public void Each_container_runs_the_image_docker_compose_pins()
    {
        Assert.Equal(ComposeFile.Scalar(Compose.Service("mongodb"), "image"), Plan.MongoDbImage);
        Assert.Equal(ComposeFile.Scalar(Compose.Service("kafka"), "image"), Plan.KafkaImage);
        Assert.Equal(ComposeFile.Scalar(Compose.Service("schema-registry"), "image"), Plan.SchemaRegistryImage);
        Assert.All([Plan.MongoDbImage, Plan.KafkaImage, Plan.SchemaRegistryImage], image => Assert.Matches(VersionTag(), image));
    }

    [Fact]
    public void Mongod_gets_the_replica_set_name_and_the_test_commands_of_the_compose_mongod()
    {
        var command = ComposeFile.Strings(Compose.Service("mongodb"), "command").ToList();

        Assert.Equal(Plan.ReplicaSetName, command[command.IndexOf("--replSet") + 1]);
        Assert.Equal(["--setParameter", "enableTestCommands=1"], Plan.MongoDbExtraArguments);
        Assert.Equal("enableTestCommands=1", command[command.IndexOf("--setParameter") + 1]);
    }

    [Fact]
    public void The_registry_stores_its_schemas_through_the_listener_Kafka_advertises_on_the_shared_network()
    {
        var bootstrap = new Uri(Plan.SchemaRegistryEnvironment["SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"]);

        Assert.Equal("plaintext", bootstrap.Scheme);
        Assert.Equal(Plan.KafkaAlias, bootstrap.Host);
        Assert.Equal(Plan.KafkaInternalPort, bootstrap.Port);
        Assert.Equal($"{bootstrap.Host}:{bootstrap.Port}", Plan.KafkaInternalListener);

        // KafkaBuilder.WithListener adds a listener next to Testcontainers' own: its port must be none of theirs.
        Assert.DoesNotContain(Plan.KafkaInternalPort, new[] { KafkaBuilder.KafkaPort, KafkaBuilder.BrokerPort, KafkaBuilder.ControllerPort });
    }

    [Fact]
    public void The_registry_listens_and_names_itself_as_in_docker_compose_and_is_ready_when_its_health_check_passes()
    {
        var compose = ComposeFile.Environment(Compose.Service("schema-registry"));
        foreach (var (name, value) in Plan.SchemaRegistryEnvironment.Where(e => e.Key != "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
        {
            Assert.Equal(compose[name], value);
        }

        Assert.Equal(Plan.SchemaRegistryAlias, Plan.SchemaRegistryEnvironment["SCHEMA_REGISTRY_HOST_NAME"]);
        Assert.Equal(Plan.SchemaRegistryPort, new Uri(Plan.SchemaRegistryEnvironment["SCHEMA_REGISTRY_LISTENERS"]).Port);

        var healthCheck = ComposeFile.Mapping(Compose.Service("schema-registry"), "healthcheck")!;
        var probed = new Uri(ComposeFile.Strings(healthCheck, "test").Single(word => word.StartsWith("http://", StringComparison.Ordinal)));
        Assert.Equal(Plan.SchemaRegistryPort, probed.Port);
        Assert.Equal(Plan.SchemaRegistryReadyPath, probed.AbsolutePath);
    }

    [Fact]
    public void The_broker_settings_added_to_Testcontainers_KRaft_defaults_have_docker_compose_values()
    {
        var compose = ComposeFile.Environment(Compose.Service("kafka"));

        Assert.NotEmpty(Plan.KafkaEnvironment);
        foreach (var (name, value) in Plan.KafkaEnvironment)
        {
            Assert.Equal(compose[name], value);
        }
    }

    [Fact]
    public void The_endpoints_are_shaped_as_CDC_IT_variables_would_give_them_and_have_no_sandbox_controls()
    {
        var endpoints = Plan.EndpointsAt("127.0.0.1", 32768, 32769, 32770);

        Assert.Equal("mongodb://cdc-it:cdc-it-password@127.0.0.1:32768/?directConnection=true", endpoints.MongoDbUri);
        Assert.Equal("127.0.0.1:32769", endpoints.KafkaBootstrapServers);
        Assert.Equal("http://127.0.0.1:32770", endpoints.SchemaRegistryUrl);
        Assert.Null(endpoints.ControlUrl);
        Assert.False(endpoints.IsSandbox);
    }

    [Fact]
    public void Credentials_with_reserved_characters_are_escaped_in_the_MongoDB_uri()
    {
        var plan = Plan with { MongoDbUsername = "it user", MongoDbPassword = "p@ss:w/rd%?" };

        var uri = new Uri(plan.EndpointsAt("docker.example", 1, 2, 3).MongoDbUri);

        Assert.Equal("docker.example", uri.Host);
        Assert.Equal(1, uri.Port);
        Assert.Equal("?directConnection=true", uri.Query);
        var userInfo = uri.UserInfo.Split(':');
        Assert.Equal(2, userInfo.Length);
        Assert.Equal("it user", Uri.UnescapeDataString(userInfo[0]));
        Assert.Equal("p@ss:w/rd%?", Uri.UnescapeDataString(userInfo[1]));
    }

    [Fact]
    public void An_IPv6_Docker_host_is_bracketed_in_every_endpoint()
    {
        var endpoints = Plan.EndpointsAt("::1", 1, 2, 3);

        Assert.Equal("[::1]:2", endpoints.KafkaBootstrapServers);
        Assert.Equal("[::1]", new Uri(endpoints.SchemaRegistryUrl).Host);
        Assert.Equal("[::1]", new Uri(endpoints.MongoDbUri).Host);
    }

    [GeneratedRegex(@"^[a-z0-9./-]+:\d+(\.\d+)+$")]
    private static partial Regex VersionTag();
}
