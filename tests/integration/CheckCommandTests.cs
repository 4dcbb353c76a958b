using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 5: the real `cdc check` process against the sandbox (or the real services of CDC_IT_*), with good and
/// broken endpoints. Every failure line and its fix are asserted; every run is bounded in time.
/// </summary>
public sealed class CheckCommandTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    // Only bounds a hang: every check of a run gives up at its own --timeout (10 s by default).
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_good_configuration_passes_every_check_and_exits_0()
    {
        var names = UniqueNames.For("check_ok");
        using var directory = new CheckScratchDirectory();
        var config = Config(names, directory.Path);
        var topic = $"{names}.shop.orders";
        if (fixture.Endpoints.IsSandbox)
        {
            // The mock brokers cannot say whether they auto-create topics (no DescribeConfigs): create the topic so
            // every check can pass rather than warn.
            await CreateSandboxTopicAsync(topic, partitions: 2);
        }

        var run = await RunAsync(directory.Path, config);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal($"PASS  configuration: valid: {run.ConfigPath}: pipeline '{names}', collection shop.orders stream, checkpoint store file", run.Line("configuration", "valid"));
        Assert.StartsWith("PASS  mongodb: reachable: ", run.Line("mongodb", "reachable"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  mongodb: topology: ", run.Line("mongodb", "topology"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  mongodb: server version: MongoDB ", run.Line("mongodb", "server version"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  mongodb: change stream: opened and closed a change stream on collection shop.orders", run.Line("mongodb", "change stream"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  kafka: metadata: ", run.Line("kafka", "metadata"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  kafka: idempotent producer: the connector's producer configuration got producer id ", run.Line("kafka", "idempotent producer"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  schemaRegistry: reachable: answered with no credentials; global compatibility level ", run.Line("schemaRegistry", "reachable"), StringComparison.Ordinal);
        Assert.StartsWith($"PASS  schemaRegistry: subject {topic}-key: not registered yet", run.Line("schemaRegistry", $"subject {topic}-key"), StringComparison.Ordinal);
        Assert.StartsWith($"PASS  schemaRegistry: subject {topic}-value: not registered yet", run.Line("schemaRegistry", $"subject {topic}-value"), StringComparison.Ordinal);
        Assert.EndsWith(": none yet: will start at now (mongodb.startAt=latest)", run.Line("checkpoint", "readable"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  checkpoint: writable: ", run.Line("checkpoint", "writable"), StringComparison.Ordinal);
        if (fixture.Endpoints.IsSandbox)
        {
            Assert.Equal($"PASS  kafka: topic: {topic} exists with 2 partition(s)", run.Line("kafka", "topic"));
            Assert.All(run.Lines, line => Assert.StartsWith("PASS  ", line, StringComparison.Ordinal));
        }

        Assert.False(File.Exists(Path.Combine(directory.Path, "checkpoint.json")), "cdc check wrote a checkpoint.");
    }

    [Fact]
    public async Task With_json_the_result_is_one_object_scripts_can_read()
    {
        var names = UniqueNames.For("check_json");
        using var directory = new CheckScratchDirectory();

        var run = await RunAsync(directory.Path, Config(names, directory.Path), "--json");

        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal(run.ExitCode == 0, root.GetProperty("ok").GetBoolean());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.Contains(checks, c => c.GetProperty("area").GetString() == "mongodb" && c.GetProperty("name").GetString() == "change stream" && c.GetProperty("status").GetString() == "PASS");
        Assert.All(checks, c => Assert.Contains(c.GetProperty("status").GetString(), new[] { "PASS", "WARN" }));
        Assert.All(checks, c => Assert.Equal(c.GetProperty("status").GetString() == "PASS", c.GetProperty("fix").ValueKind == JsonValueKind.Null));
    }

    [Fact]
    public async Task An_unreachable_mongodb_fails_fast_with_the_fix()
    {
        using var directory = new CheckScratchDirectory();
        var port = ClosedPort();
        var config = Config(UniqueNames.For("check_mongo"), directory.Path, c => c["mongodb"]!["uri"] = $"mongodb://cdc:mongo-secret@127.0.0.1:{port}/?replicaSet=rs0");

        var run = await RunAsync(directory.Path, config);

        // It gives up at the check's limit (--timeout, 10 s by default): the driver's server selection says "after N ms",
        // the check's own bound (when a busy machine gets there first) "in time". RunLimit only bounds a hang.
        Assert.True(run.ExitCode == 1, run.Describe());
        var line = run.Line("mongodb", "reachable");
        Assert.True(
            line.StartsWith($"FAIL  mongodb: reachable: mongodb://cdc:****@127.0.0.1:{port}/?replicaSet=rs0: no MongoDB server was usable ", StringComparison.Ordinal),
            line);
        Assert.Contains($": 127.0.0.1:{port} (", line, StringComparison.Ordinal);
        Assert.EndsWith(" — fix: check the hosts, replicaSet and tls options of mongodb.uri, that the server is up, and that this machine can reach it (firewall, DNS)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("mongo-secret", run.Stdout + run.Stderr, StringComparison.Ordinal);

        // Nothing else of MongoDB is tried once it does not answer.
        Assert.DoesNotContain(run.Lines, l => l.Contains("mongodb: change stream", StringComparison.Ordinal));
        Assert.EndsWith("failed", run.Stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_kafka_fails_with_the_fix()
    {
        using var directory = new CheckScratchDirectory();
        var port = ClosedPort();
        var config = Config(UniqueNames.For("check_kafka"), directory.Path, c => c["kafka"]!["bootstrapServers"] = $"127.0.0.1:{port}");

        // A limit of its own, named in the failure; long enough for the MongoDB checks to pass on a loaded machine.
        var run = await RunAsync(directory.Path, config, "--timeout", "15");

        Assert.True(run.ExitCode == 1, run.Describe());
        var line = run.Line("kafka", "metadata");
        Assert.StartsWith($"FAIL  kafka: metadata: no cluster metadata from 127.0.0.1:{port} within 15 s: ", line, StringComparison.Ordinal);
        Assert.EndsWith(
            " — fix: check kafka.bootstrapServers, that the brokers are up and reachable from here (their advertised listeners too), and the security settings under kafka.producer (security.protocol, sasl.*, ssl.*)",
            line, StringComparison.Ordinal);
        Assert.StartsWith("PASS  mongodb: change stream: ", run.Line("mongodb", "change stream"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_schema_registry_fails_with_the_fix()
    {
        using var directory = new CheckScratchDirectory();
        var port = ClosedPort();
        var config = Config(UniqueNames.For("check_registry"), directory.Path, c =>
        {
            c["schemaRegistry"]!["url"] = $"http://127.0.0.1:{port}";
            c["schemaRegistry"]!["basicAuth"] = "cdc:registry-secret";
        });

        var run = await RunAsync(directory.Path, config, "--timeout", "3");

        Assert.True(run.ExitCode == 1, run.Describe());
        var line = run.Line("schemaRegistry", "reachable");
        Assert.StartsWith($"FAIL  schemaRegistry: reachable: Schema Registry get compatibility level failed: http://127.0.0.1:{port} → no answer (", line, StringComparison.Ordinal);
        Assert.EndsWith(" — fix: check schemaRegistry.url and that the registry is up and reachable from here", line, StringComparison.Ordinal);
        Assert.DoesNotContain("registry-secret", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_subject_incompatible_with_the_envelope_fails_with_the_fix()
    {
        var names = UniqueNames.For("check_subject");
        using var directory = new CheckScratchDirectory();
        var subject = $"{names}.shop.orders-value";
        using (var admin = new SchemaRegistryAdmin(fixture.Endpoints.SchemaRegistryUrl))
        {
            await admin.RegisterAsync(subject, """{"type":"record","name":"Legacy","fields":[{"name":"amount","type":"int"}]}""");
            await admin.SetCompatibilityAsync(subject, "BACKWARD");
        }

        var run = await RunAsync(directory.Path, Config(names, directory.Path));

        Assert.True(run.ExitCode == 1, run.Describe());
        var line = run.Line("schemaRegistry", $"subject {subject}");
        Assert.StartsWith($"FAIL  schemaRegistry: subject {subject}: the connector's value schema is incompatible with the latest version under compatibility level BACKWARD", line, StringComparison.Ordinal);
        Assert.EndsWith($" — fix: set the subject's compatibility to NONE (PUT /config/{subject}), delete its old versions, or publish to another topic (kafka.topicPrefix / kafka.topics)", line, StringComparison.Ordinal);
        Assert.StartsWith($"PASS  schemaRegistry: subject {names}.shop.orders-key: ", run.Line("schemaRegistry", $"subject {names}.shop.orders-key"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_configuration_is_reported_by_key_and_no_endpoint_is_contacted()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var directory = new CheckScratchDirectory();
        var config = new JsonObject
        {
            ["mongodb"] = new JsonObject { ["uri"] = $"mongodb://127.0.0.1:{port}/?replicaSet=rs0", ["scope"] = "collection", ["database"] = "shop" },
            ["kafka"] = new JsonObject { ["bootstrapServers"] = $"127.0.0.1:{port}", ["producer"] = new JsonObject { ["acks"] = "1" } },
            ["schemaRegistry"] = new JsonObject { ["url"] = $"http://127.0.0.1:{port}" },
            ["checkpoint"] = new JsonObject { ["store"] = "file", ["path"] = Path.Combine(directory.Path, "checkpoint.json") },
        };

        var run = await RunAsync(directory.Path, config);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.All(run.Lines, line => Assert.StartsWith("FAIL  configuration: ", line, StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.Contains("mongodb.collection", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.Contains("kafka.producer.acks", StringComparison.Ordinal));
        Assert.All(run.Lines, line => Assert.EndsWith(" — fix: correct the key named above; nothing was contacted", line, StringComparison.Ordinal));
        Assert.False(listener.Pending(), "cdc check connected to an endpoint although the configuration is wrong.\n" + run.Describe());
    }

    /// <summary>Runs `cdc check --config FILE ARGS…` with <paramref name="config"/> written to <paramref name="directory"/>; kills it after <see cref="RunLimit"/>.</summary>
    internal static async Task<CheckProcessResult> RunAsync(string directory, JsonObject config, params string[] arguments)
    {
        var configPath = Path.Combine(directory, "check.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString()).ConfigureAwait(false);
        var startInfo = CdcProcessStart.For("check", ["--config", configPath, .. arguments], directory);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(RunLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            throw new TimeoutException($"cdc check ran longer than {RunLimit}: {await stdout.ConfigureAwait(false)}\n{await stderr.ConfigureAwait(false)}");
        }

        return new CheckProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), configPath);
    }

    private JsonObject Config(string names, string directory, Action<JsonObject>? adjust = null)
    {
        var config = ConnectorConfig.Create(fixture.Endpoints, names, names, directory, ConnectorConfig.CollectionScope("shop", "orders"));
        adjust?.Invoke(config);
        output.WriteLine(config.ToJsonString());
        return config;
    }

    private async Task CreateSandboxTopicAsync(string topic, int partitions)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Endpoints.ControlUrl!.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(15) };
        using var response = await http.PostAsJsonAsync("kafka/topics", new { name = topic, partitions });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A port nothing listens on: bound then released, so a connection is refused at once.</summary>
    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
