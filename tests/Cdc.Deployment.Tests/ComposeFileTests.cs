using Cdc.Connector.Configuration;
using Cdc.Tests.Shared;

namespace Cdc.Deployment.Tests;

/// <summary>
/// docker-compose.yml and the configuration it mounts, checked statically (no Docker engine here): the services exist,
/// Kafka runs in KRaft mode, nothing listens beyond 127.0.0.1, and the connector's own loader accepts the mounted
/// cdc.json with the endpoints the compose file defines.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly ComposeFile Compose = ComposeFile.Load(Path.Combine(Root, "docker-compose.yml"));
    private static readonly string CdcJson = Path.Combine(Root, "deploy", "compose", "cdc.json");

    [Theory]
    [InlineData("mongodb")]
    [InlineData("kafka")]
    [InlineData("schema-registry")]
    [InlineData("cdc")]
    public void It_defines_the_service(string name) => Assert.Contains(name, Compose.ServiceNames);

    [Fact]
    public void Kafka_runs_in_KRaft_mode_without_ZooKeeper()
    {
        var environment = ComposeFile.Environment(Compose.Service("kafka"));
        Assert.Contains("controller", environment["KAFKA_PROCESS_ROLES"], StringComparison.Ordinal);
        Assert.Contains("broker", environment["KAFKA_PROCESS_ROLES"], StringComparison.Ordinal);
        var nodeId = environment["KAFKA_NODE_ID"];
        Assert.Equal($"{nodeId}@kafka:9093", environment["KAFKA_CONTROLLER_QUORUM_VOTERS"]);
        Assert.Contains("CONTROLLER://", environment["KAFKA_LISTENERS"], StringComparison.Ordinal);
        Assert.Equal("CONTROLLER", environment["KAFKA_CONTROLLER_LISTENER_NAMES"]);

        foreach (var name in Compose.ServiceNames)
        {
            var service = Compose.Service(name);
            Assert.DoesNotContain("zookeeper", ComposeFile.Scalar(service, "image") ?? string.Empty, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(ComposeFile.Environment(service).Keys, k => k.Contains("ZOOKEEPER", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_published_port_is_bound_to_the_loopback_address()
    {
        var published = 0;
        foreach (var name in Compose.ServiceNames)
        {
            foreach (var port in ComposeFile.Strings(Compose.Service(name), "ports"))
            {
                published++;
                Assert.True(port.StartsWith("127.0.0.1:", StringComparison.Ordinal), $"service {name} publishes '{port}' on every interface");
            }
        }

        Assert.True(published >= 4, $"expected MongoDB, Kafka, the registry and cdc published for the host; found {published} port(s)");
    }

    [Fact]
    public void Kafka_advertises_to_host_clients_the_port_it_publishes()
    {
        var kafka = Compose.Service("kafka");
        var advertised = ComposeFile.Environment(kafka)["KAFKA_ADVERTISED_LISTENERS"].Split(',');
        var external = Assert.Single(advertised, l => l.StartsWith("EXTERNAL://", StringComparison.Ordinal));
        var hostPort = external["EXTERNAL://".Length..];
        Assert.StartsWith("127.0.0.1:", hostPort, StringComparison.Ordinal);
        var port = hostPort["127.0.0.1:".Length..];
        Assert.Contains($"127.0.0.1:{port}:{port}", ComposeFile.Strings(kafka, "ports"));
    }

    [Fact]
    public void Every_pulled_image_is_pinned_to_a_version()
    {
        foreach (var name in Compose.ServiceNames)
        {
            // A service built here (cdc) names its local image; every image pulled from a registry must be pinned.
            var service = Compose.Service(name);
            var image = ComposeFile.Scalar(service, "image");
            if (image is null || ComposeFile.Mapping(service, "build") is not null)
            {
                continue;
            }

            var colon = image.LastIndexOf(':');
            Assert.True(colon > 0, $"service {name}: image {image} has no tag");
            var tag = image[(colon + 1)..];
            Assert.True(tag != "latest" && tag.Any(char.IsAsciiDigit), $"service {name}: image {image} is not pinned to a version");
        }
    }

    [Fact]
    public void MongoDB_is_a_replica_set_that_the_init_service_initiates_with_the_set_name_the_connector_uses()
    {
        var command = ComposeFile.Strings(Compose.Service("mongodb"), "command");
        var setName = command[command.ToList().IndexOf("--replSet") + 1];
        var init = string.Join('\n', ComposeFile.Strings(Compose.Service("mongodb-init"), "command"));
        Assert.Contains("rs.initiate", init, StringComparison.Ordinal);
        Assert.Contains($"_id: \"{setName}\"", init, StringComparison.Ordinal);

        var options = LoadCdcJson();
        Assert.Contains($"replicaSet={setName}", options.MongoDb.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connector_is_built_from_the_Dockerfile_and_mounts_its_configuration_where_the_image_reads_it()
    {
        var cdc = Compose.Service("cdc");
        var build = ComposeFile.Mapping(cdc, "build");
        Assert.NotNull(build);
        Assert.Equal(".", ComposeFile.Scalar(build, "context"));
        Assert.Equal("Dockerfile", ComposeFile.Scalar(build, "dockerfile"));

        // The image's CMD reads /etc/cdc/cdc.json (DockerfileTests checks the CMD).
        Assert.Contains("./deploy/compose/cdc.json:/etc/cdc/cdc.json:ro", ComposeFile.Strings(cdc, "volumes"));
        var port = LoadCdcJson().Http.Port;
        Assert.Contains($"127.0.0.1:{port}:{port}", ComposeFile.Strings(cdc, "ports"));
    }

    [Fact]
    public void The_connector_starts_only_after_every_service_it_needs_is_healthy()
    {
        var dependsOn = ComposeFile.Mapping(Compose.Service("cdc"), "depends_on");
        Assert.NotNull(dependsOn);
        foreach (var name in new[] { "mongodb", "kafka", "schema-registry" })
        {
            var dependency = ComposeFile.Mapping(dependsOn, name);
            Assert.NotNull(dependency);
            Assert.Equal("service_healthy", ComposeFile.Scalar(dependency, "condition"));
            Assert.NotNull(ComposeFile.Mapping(Compose.Service(name), "healthcheck"));
        }

        // mongod answering is not enough: the init must have initiated the replica set and seen a primary.
        var init = ComposeFile.Mapping(dependsOn, "mongodb-init");
        Assert.NotNull(init);
        Assert.Equal("service_completed_successfully", ComposeFile.Scalar(init, "condition"));
        var initDependsOn = ComposeFile.Mapping(Compose.Service("mongodb-init"), "depends_on");
        Assert.NotNull(initDependsOn);
        Assert.Equal("service_healthy", ComposeFile.Scalar(ComposeFile.Mapping(initDependsOn, "mongodb")!, "condition"));
        Assert.Contains("isWritablePrimary", string.Join('\n', ComposeFile.Strings(Compose.Service("mongodb-init"), "command")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_mounted_configuration_passes_the_connectors_own_checks_for_run()
    {
        var options = LoadCdcJson();
        ConfigurationLoader.ValidateForRun(options);

        // Its endpoints are the compose services, by name, on the ports those services listen on inside the network.
        Assert.Equal("kafka:9092", options.Kafka.BootstrapServers);
        Assert.Contains("PLAINTEXT://kafka:9092", ComposeFile.Environment(Compose.Service("kafka"))["KAFKA_ADVERTISED_LISTENERS"], StringComparison.Ordinal);
        Assert.Equal("http://schema-registry:8081", options.SchemaRegistry.Url);
        Assert.StartsWith("mongodb://mongodb:27017/", options.MongoDb.Uri, StringComparison.Ordinal);

        // The file checkpoint lives on the named volume, so it survives a recreated container.
        Assert.Equal("file", ConfigurationSchema.WordOf(options.Checkpoint.Store));
        var volume = Assert.Single(ComposeFile.Strings(Compose.Service("cdc"), "volumes"), v => v.StartsWith("cdc-checkpoints:", StringComparison.Ordinal));
        var mountPoint = volume.Split(':')[1];
        Assert.StartsWith(mountPoint + "/", options.Checkpoint.Path, StringComparison.Ordinal);
    }

    private static CdcOptions LoadCdcJson() => ConfigurationLoader.Load(CdcJson, [], new Dictionary<string, string>(StringComparer.Ordinal));
}
