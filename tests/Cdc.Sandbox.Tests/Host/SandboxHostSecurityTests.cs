using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Cdc.Sandbox.Host;
using Cdc.Sandbox.Tests.Security;

namespace Cdc.Sandbox.Tests.Host;

/// <summary>`cdc sandbox --tls` and `--auth` in-process: what the ready line says and what each endpoint then demands.</summary>
public sealed class SandboxHostSecurityTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Without_tls_or_auth_the_ready_line_has_only_the_four_plaintext_endpoints()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 1 });

        var line = JsonNode.Parse(host.Endpoints.ToReadyLine())!.AsObject();

        Assert.Equal(["mongodb", "kafka", "schemaRegistry", "control"], line.Select(p => p.Key));
        Assert.Equal(host.Kafka.BootstrapServers, (string)line["kafka"]!);
        Assert.StartsWith("http://127.0.0.1:", (string)line["schemaRegistry"]!, StringComparison.Ordinal);
        Assert.Null(host.Certificates);
        Assert.Null(host.KafkaTlsRelays);
    }

    [Fact]
    public async Task With_tls_and_auth_the_ready_line_names_the_CA_file_the_TLS_relays_the_https_registry_the_mongodb_users_and_their_credentials()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 2, Tls = true, Auth = true });

        var line = JsonNode.Parse(host.Endpoints.ToReadyLine())!.AsObject();

        Assert.Equal(["mongodb", "kafka", "schemaRegistry", "control", "caFile", "schemaRegistryBasicAuth", "mongodbAdmin"], line.Select(p => p.Key));
        Assert.Matches(@"^mongodb://cdc:[0-9a-f]{32}@127\.0\.0\.1:\d+/\?replicaSet=rs0&authSource=admin&tls=true$", (string)line["mongodb"]!);
        Assert.Matches(@"^mongodb://cdc-admin:[0-9a-f]{32}@127\.0\.0\.1:\d+/\?replicaSet=rs0&authSource=admin&tls=true$", (string)line["mongodbAdmin"]!);
        Assert.True(File.Exists((string)line["caFile"]!));
        Assert.Equal(host.KafkaTlsRelays!.BootstrapServers, (string)line["kafka"]!);
        Assert.DoesNotContain(host.Kafka.Brokers, b => ((string)line["kafka"]!).Contains(b.Endpoint, StringComparison.Ordinal));
        Assert.Equal(2, ((string)line["kafka"]!).Split(',').Length);
        Assert.Matches(@"^https://127\.0\.0\.1:\d+$", (string)line["schemaRegistry"]!);
        Assert.Matches("^cdc-sandbox:[0-9a-f]{32}$", (string)line["schemaRegistryBasicAuth"]!);
    }

    [Fact]
    public async Task A_registry_request_without_credentials_gets_401_with_a_basic_challenge_and_Confluent_error_body()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 1, Tls = true, Auth = true });
        using var client = TrustingClient(host.Certificates!.CaFile);

        using var response = await client.GetAsync(new Uri(host.SchemaRegistry.Url + "/subjects"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("""{"error_code":401,"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_registry_request_with_a_wrong_password_gets_401_and_with_the_printed_credentials_200()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 1, Tls = true, Auth = true });
        using var client = TrustingClient(host.Certificates!.CaFile);
        var url = new Uri(host.SchemaRegistry.Url + "/subjects");
        var user = host.SchemaRegistryBasicAuth!.Split(':')[0];

        using var wrong = await client.SendAsync(WithBasicAuth(url, user + ":not-the-password"));
        using var right = await client.SendAsync(WithBasicAuth(url, host.Endpoints.SchemaRegistryBasicAuth!));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("""{"error_code":401,"message":"Unauthorized"}""", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("[]", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_tls_alone_the_registry_serves_https_that_a_client_trusting_only_the_CA_accepts_and_asks_no_credentials()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 1, Tls = true });
        using var trusting = TrustingClient(host.Certificates!.CaFile);
        using var untrusting = new HttpClient { Timeout = RequestTimeout };

        using var response = await trusting.GetAsync(new Uri(host.SchemaRegistry.Url + "/subjects"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(host.Endpoints.SchemaRegistryBasicAuth);
        // The system's trust store does not know the throwaway CA, so the CA file is what makes the difference.
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(new Uri(host.SchemaRegistry.Url + "/subjects")));
    }

    [Fact]
    public async Task With_auth_alone_the_registry_stays_on_http_and_asks_for_the_credentials()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 1, Auth = true });
        using var client = new HttpClient { Timeout = RequestTimeout };
        var url = new Uri(host.SchemaRegistry.Url + "/subjects");

        using var anonymous = await client.GetAsync(url);
        using var authenticated = await client.SendAsync(WithBasicAuth(url, host.SchemaRegistryBasicAuth!));

        Assert.StartsWith("http://", host.SchemaRegistry.Url, StringComparison.Ordinal);
        Assert.Null(host.Endpoints.CaFile);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
    }

    [Fact]
    public async Task The_control_API_stays_plain_http_without_credentials_and_its_status_names_the_TLS_bootstrap()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 1, Tls = true, Auth = true });
        using var client = new HttpClient { Timeout = RequestTimeout };

        var status = JsonNode.Parse(await client.GetStringAsync(new Uri(host.ControlUrl + "/status")))!;

        Assert.Equal(host.KafkaTlsRelays!.BootstrapServers, (string)status["kafka"]!["bootstrapServers"]!);
        Assert.Equal(host.SchemaRegistry.Url, (string)status["schemaRegistry"]!["url"]!);
    }

    [Fact]
    public async Task Disposing_a_tls_sandbox_closes_the_relays_and_deletes_the_CA_file()
    {
        var host = await SandboxHost.StartAsync(new SandboxHostOptions { KafkaBrokers = 2, Tls = true });
        var caFile = host.Certificates!.CaFile;
        var relayPorts = host.KafkaTlsRelays!.Relays.Select(r => r.Port).ToArray();

        await host.DisposeAsync();

        Assert.False(File.Exists(caFile));
        foreach (var port in relayPorts)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Assert.Throws<SocketException>(() => socket.Connect(IPAddress.Loopback, port));
        }
    }

    [Theory]
    [InlineData(new[] { "--tls" }, true, false)]
    [InlineData(new[] { "--auth" }, false, true)]
    [InlineData(new[] { "--auth", "--kafka-brokers", "1", "--tls" }, true, true)]
    [InlineData(new string[0], false, false)]
    public void The_tls_and_auth_switches_take_no_value_and_work_alone_or_together(string[] args, bool tls, bool auth)
    {
        var options = SandboxCommandLine.Parse(args, out var error, out _);

        Assert.Null(error);
        Assert.Equal((tls, auth), (options!.Tls, options.Auth));
    }

    [Fact]
    public void A_value_given_to_the_tls_switch_is_refused_by_name()
    {
        var options = SandboxCommandLine.Parse(["--tls=1"], out var error, out _);

        Assert.Null(options);
        Assert.Equal("--tls is a switch and takes no value (not '--tls=1').", error);
    }

    private static HttpClient TrustingClient(string caFile)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = SandboxCertificatesTests.TrustOnly(caFile);
        return new HttpClient(handler) { Timeout = RequestTimeout };
    }

    private static HttpRequestMessage WithBasicAuth(Uri url, string credentials) =>
        new(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))) } };
}
