using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Cdc.Cli;

namespace Cdc.Connector.Tests.Observability;

public sealed class HttpBindFailureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cdc-http-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_port_in_use_stops_cdc_run_with_exit_1_naming_the_address_and_the_fixes()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        // No endpoint is contacted before the operations endpoint binds, so unreachable addresses are fine here.
        var config = new JsonObject
        {
            ["mongodb"] = new JsonObject { ["uri"] = "mongodb://127.0.0.1:1/?replicaSet=rs0" },
            ["kafka"] = new JsonObject { ["bootstrapServers"] = "127.0.0.1:1" },
            ["schemaRegistry"] = new JsonObject { ["url"] = "http://127.0.0.1:1" },
            ["checkpoint"] = new JsonObject { ["path"] = Path.Combine(_directory, "checkpoint.json") },
            ["http"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = port },
        };
        var path = Path.Combine(_directory, "cdc.json");
        File.WriteAllText(path, config.ToJsonString());
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = RunCommand.Run(["--config", path], stdout, stderr, new Dictionary<string, string>());

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"cdc run: cannot serve /healthz, /readyz and /metrics on 127.0.0.1:{port}: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("Set http.port to a free port (0: any), http.host to an address of this host, or http.enabled=false.", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "checkpoint.json")), "The pipeline ran although the endpoint could not be served.");
    }
}
