using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Tests.Shared;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 21, end to end: `cdc sandbox --tls --auth` serves MongoDB with TLS and SCRAM (the ready line's user has only
/// readAnyDatabase and readWrite on cdc), Kafka through TLS relays and the registry over HTTPS with basic auth, all
/// under a CA made at its start. `cdc run` reaches all three with mongodb.tlsCAFile, kafka.producer's ssl settings and
/// schemaRegistry.basicAuth/tlsCAFile; `cdc tail`, with the same configuration, reads back what it published.
/// </summary>
public sealed class SecuredSandboxTests
{
    [Fact]
    public async Task Cdc_run_reaches_mongodb_kafka_and_the_registry_over_tls_with_credentials_and_least_privilege()
    {
        using var sandbox = SandboxProcess.Start("--tls", "--auth");
        var endpoints = JsonNode.Parse(await sandbox.ReadyLine(Deadlines.Step))!.AsObject();
        using var directory = new CheckScratchDirectory();
        Write(endpoints, Insert(1), Insert(2));
        var configPath = WriteConfig(endpoints, directory.Path, endpoints["mongodb"]!.GetValue<string>());

        using var connector = ConnectorProcess.Start(JsonNode.Parse(File.ReadAllText(configPath))!.AsObject(), directory.Path);
        Assert.True(await OutputLines.WaitForAsync(connector, "Snapshot of shop.orders complete", Deadlines.Step), connector.Describe());
        Write(endpoints, Insert(3));

        var records = await ReadAsync(directory.Path, configPath, 3);
        Assert.Equal(
            ["insert:3", "snapshot:1", "snapshot:2"],
            records.Select(r => $"{r.GetProperty("value").GetProperty("operationType").GetString()}:{Id(r)}").Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain(endpoints["schemaRegistryBasicAuth"]!.GetValue<string>().Split(':')[1], connector.Output, StringComparison.Ordinal);
        Assert.False(connector.HasExited, connector.Describe());
    }

    [Fact]
    public async Task A_wrong_password_stops_cdc_run_naming_the_credentials_to_check()
    {
        using var sandbox = SandboxProcess.Start("--tls", "--auth");
        var endpoints = JsonNode.Parse(await sandbox.ReadyLine(Deadlines.Step))!.AsObject();
        using var directory = new CheckScratchDirectory();
        var uri = endpoints["mongodb"]!.GetValue<string>();
        var wrong = System.Text.RegularExpressions.Regex.Replace(uri, "^mongodb://cdc:[0-9a-f]+@", "mongodb://cdc:not-the-password@");
        var configPath = WriteConfig(endpoints, directory.Path, wrong);

        using var connector = ConnectorProcess.Start(JsonNode.Parse(File.ReadAllText(configPath))!.AsObject(), directory.Path);

        Assert.Equal(1, await connector.WaitForExit(Deadlines.Step));
        Assert.Contains("check the user name, password and authSource in mongodb.uri", connector.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", connector.Output, StringComparison.Ordinal);
    }

    private static string WriteConfig(JsonObject endpoints, string directory, string mongoUri)
    {
        var ca = endpoints["caFile"]!.GetValue<string>();
        var config = new JsonObject
        {
            ["mongodb"] = new JsonObject { ["uri"] = mongoUri, ["tlsCAFile"] = ca, ["scope"] = "collection", ["database"] = "shop", ["collection"] = "orders", ["maxAwaitTimeMs"] = 200 },
            ["kafka"] = new JsonObject
            {
                ["bootstrapServers"] = endpoints["kafka"]!.GetValue<string>(),
                ["producer"] = new JsonObject { ["security.protocol"] = "ssl", ["ssl.ca.location"] = ca },
            },
            ["schemaRegistry"] = new JsonObject
            {
                ["url"] = endpoints["schemaRegistry"]!.GetValue<string>(),
                ["basicAuth"] = endpoints["schemaRegistryBasicAuth"]!.GetValue<string>(),
                ["tlsCAFile"] = ca,
            },
            ["snapshot"] = new JsonObject { ["mode"] = "initial" },
            ["checkpoint"] = new JsonObject { ["store"] = "file", ["path"] = Path.Combine(directory, "checkpoint.json"), ["intervalMs"] = 200 },
            ["http"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = 0 },
            ["pipeline"] = new JsonObject { ["restartBackoffMs"] = 200, ["restartBackoffMaxMs"] = 2000 },
        };
        var path = Path.Combine(directory, "secured.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    /// <summary>Writes with the sandbox's admin user (the connector's own user may not), over TLS trusting its CA.</summary>
    private static void Write(JsonObject endpoints, params JsonObject[] operations)
    {
        var uri = endpoints["mongodbAdmin"]!.GetValue<string>() + "&tlsCAFile=" + Uri.EscapeDataString(endpoints["caFile"]!.GetValue<string>());
        var input = new JsonObject { ["uri"] = uri, ["db"] = "shop", ["operations"] = new JsonArray(operations) };
        NodeScript.Run("it/operations.mjs", input.ToJsonString() + "\n", Deadlines.Step);
    }

    private static async Task<List<JsonElement>> ReadAsync(string directory, string configPath, int count)
    {
        var deadline = DateTime.UtcNow + Deadlines.Step;
        string last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            using var tail = await TailProcess.RunAsync(
                directory, Deadlines.Step, "--config", configPath, "--from-beginning", "--json", "--max", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (tail.ExitCode == 0 && tail.StdoutLines.Count >= count)
            {
                return tail.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
            }

            last = tail.Describe();
            await Task.Delay(500);
        }

        throw new Xunit.Sdk.XunitException($"cdc tail did not read {count} records over TLS.\n{last}");
    }

    private static string Id(JsonElement record) =>
        JsonDocument.Parse(record.GetProperty("key").GetProperty("documentKey").GetString()!).RootElement.GetProperty("_id").GetProperty("$numberInt").GetString()!;

    private static JsonObject Insert(int id) => OperationStep.Op("insert", "orders", ("doc", new JsonObject { ["_id"] = id, ["x"] = id }));
}
