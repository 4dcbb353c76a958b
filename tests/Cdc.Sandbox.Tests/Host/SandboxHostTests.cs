using System.Net;
using System.Net.Sockets;
using Cdc.Sandbox.Host;

namespace Cdc.Sandbox.Tests.Host;

public sealed class SandboxHostTests
{
    [Fact]
    public async Task Invalid_options_are_refused_before_anything_starts()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 33 }));

        Assert.StartsWith("--kafka-brokers must be 1..32, not 33.", error.Message);
    }

    [Fact]
    public async Task A_taken_registry_port_fails_the_start_and_stops_what_had_started()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var registryPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var mongoPort = FreePort();

        var error = await Assert.ThrowsAsync<SandboxStartException>(
            () => SandboxHost.StartAsync(new SandboxHostOptions { MongoDbPort = mongoPort, SchemaRegistryPort = registryPort, KafkaBrokers = 1 }));

        Assert.StartsWith($"The Schema Registry cannot listen on 127.0.0.1:{registryPort}:", error.Message);
        // The MongoDB emulator that had started was stopped: its port is free again.
        await using var again = await SandboxHost.StartAsync(new SandboxHostOptions { MongoDbPort = mongoPort, KafkaBrokers = 1 });
        Assert.Equal(mongoPort, again.MongoDb.Port);
    }

    [Fact]
    public async Task Disposing_closes_every_listener()
    {
        var host = await SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 2 });
        var endpoints = new List<string> { host.MongoDb.Host, new Uri(host.SchemaRegistry.Url).Authority, new Uri(host.ControlUrl).Authority };
        endpoints.AddRange(host.Kafka.BootstrapServers.Split(','));
        Assert.All(endpoints, endpoint => Assert.True(CanConnect(endpoint), $"{endpoint} does not accept connections while running"));

        await host.DisposeAsync();

        Assert.All(endpoints, endpoint => Assert.False(CanConnect(endpoint), $"{endpoint} still accepts connections after DisposeAsync"));
        await host.DisposeAsync();
    }

    private static bool CanConnect(string endpoint)
    {
        var port = int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
