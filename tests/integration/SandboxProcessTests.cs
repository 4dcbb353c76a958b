using System.Net;
using System.Text;
using System.Text.Json;
using Cdc.Tests.Shared;

namespace Cdc.Integration.Tests;

/// <summary>The real `cdc sandbox` process, driven as a user or a CI job would: ready line, real clients, control API, SIGTERM.</summary>
public sealed class SandboxProcessTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = Deadlines.Step;

    [Fact]
    public async Task Serves_real_clients_obeys_the_control_API_and_exits_0_on_SIGTERM()
    {
        using var sandbox = SandboxProcess.Start("--replica-set", "itest");
        var line = await sandbox.ReadyLine(ReadyTimeout);
        using var ready = JsonDocument.Parse(line);
        var endpoints = ready.RootElement;
        Assert.Equal(["mongodb", "kafka", "schemaRegistry", "control"], endpoints.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Matches(@"^mongodb://127\.0\.0\.1:\d+/\?replicaSet=itest$", endpoints.GetProperty("mongodb").GetString());
        Assert.Matches(@"^127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$", endpoints.GetProperty("kafka").GetString());
        var control = endpoints.GetProperty("control").GetString()!;
        using var http = new HttpClient { BaseAddress = new Uri(control), Timeout = TimeSpan.FromSeconds(10) };

        // The clients, through the printed endpoints; the topic is created through the control API first.
        using (var created = await http.PostAsync("/kafka/topics", Json("""{"name":"host-e2e","partitions":2}""")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var request = line[..^1] + ""","topic":"host-e2e"}""";
        using var seen = JsonDocument.Parse(NodeScript.Run("sandbox/host-clients.mjs", request, TimeSpan.FromSeconds(60)));
        var mongo = seen.RootElement.GetProperty("mongodb");
        Assert.Equal("ada", mongo.GetProperty("found").GetProperty("name").GetString());
        Assert.Equal("itest", mongo.GetProperty("setName").GetString());
        Assert.True(mongo.GetProperty("isWritablePrimary").GetBoolean());
        Assert.Equal(3, seen.RootElement.GetProperty("kafka").GetProperty("received").GetInt32());
        var registry = seen.RootElement.GetProperty("schemaRegistry");
        Assert.Equal("host.Person", registry.GetProperty("fetchedName").GetString());
        Assert.Equal(registry.GetProperty("id").GetInt32(), registry.GetProperty("latestId").GetInt32());

        // A broker down, as /status reports it, then up again.
        (await http.PostAsync("/kafka/brokers/2/down", null)).EnsureSuccessStatusCode();
        Assert.Equal(["up", "down", "up"], await BrokerStates(http));
        (await http.PostAsync("/kafka/brokers/2/up", null)).EnsureSuccessStatusCode();
        Assert.Equal(["up", "up", "up"], await BrokerStates(http));

        // Faults injected over HTTP reach clients of the other parts: a Produce error for kafkajs…
        (await http.PostAsync("/kafka/request-errors", Json("""{"apiKey":"Produce","errors":["TOPIC_AUTHORIZATION_FAILED"]}"""))).EnsureSuccessStatusCode();
        var kafkaRequest = JsonSerializer.Serialize(new { bootstrapServers = endpoints.GetProperty("kafka").GetString(), topic = "host-e2e", errorName = "TOPIC_AUTHORIZATION_FAILED", expect = "rejected" });
        using var rejected = JsonDocument.Parse(NodeScript.Run("sandbox/kafka-request-errors.mjs", kafkaRequest + "\n", TimeSpan.FromSeconds(30)).Trim().Split('\n')[^1]);
        Assert.Equal(1, rejected.RootElement.GetProperty("errorResponses").GetInt32());

        // …and a 503 from the registry.
        (await http.PostAsync("/schema-registry/faults", Json("""{"status":503,"count":1}"""))).EnsureSuccessStatusCode();
        using var registryHttp = new HttpClient { BaseAddress = new Uri(endpoints.GetProperty("schemaRegistry").GetString()!), Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await registryHttp.GetAsync("/subjects")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await registryHttp.GetAsync("/subjects")).StatusCode);

        sandbox.Signal("TERM");
        var exitCode = await sandbox.WaitForExit(ExitTimeout);

        Assert.True(exitCode == 0, $"cdc sandbox exited with {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"nothing within {ExitTimeout.TotalSeconds:0} s"}. stderr:\n{sandbox.Stderr}");
        Assert.Equal(line + "\n", sandbox.Stdout);
        Assert.Contains("cdc sandbox: stopped.", sandbox.Stderr);
    }

    [Fact]
    public async Task Ctrl_C_stops_it_cleanly_with_exit_0()
    {
        using var sandbox = SandboxProcess.Start("--kafka-brokers", "1", "--oplog-window", "10");
        var line = await sandbox.ReadyLine(ReadyTimeout);

        sandbox.Signal("INT");
        var exitCode = await sandbox.WaitForExit(ExitTimeout);

        Assert.True(exitCode == 0, $"cdc sandbox exited with {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"nothing within {ExitTimeout.TotalSeconds:0} s"}. stderr:\n{sandbox.Stderr}");
        Assert.Equal(line + "\n", sandbox.Stdout);
        Assert.Contains("MongoDB emulator stopped", sandbox.Stderr);
    }

    [Fact]
    public async Task A_bad_option_exits_2_naming_it_and_prints_nothing_on_stdout()
    {
        using var sandbox = SandboxProcess.Start("--kafka-brokers", "0");

        var exitCode = await sandbox.WaitForExit(ReadyTimeout);

        Assert.Equal(2, exitCode);
        Assert.Empty(sandbox.Stdout);
        Assert.StartsWith("cdc sandbox: --kafka-brokers must be 1..32, not 0.\nusage: cdc sandbox", sandbox.Stderr);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<string[]> BrokerStates(HttpClient http)
    {
        using var status = JsonDocument.Parse(await http.GetStringAsync("/status"));
        return status.RootElement.GetProperty("kafka").GetProperty("brokers").EnumerateArray()
            .Select(broker => broker.GetProperty("state").GetString()!).ToArray();
    }
}
