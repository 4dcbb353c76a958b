using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Tests.Shared;

namespace Cdc.Sandbox.Tests.SchemaRegistry;

/// <summary>The sandbox registry's optional bearer token, https and demanded client certificate (what the connector's TLS and auth tests run against).</summary>
public sealed class InMemorySchemaRegistryTlsTests : IDisposable
{
    private readonly TestAuthority _authority = TestAuthority.Create("cdc-test-ca");
    private readonly TestAuthority _clientAuthority = TestAuthority.Create("cdc-test-client-ca");

    [Fact]
    public async Task A_bearer_token_is_enforced_with_40101()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BearerToken = "t0ken" });
        using var http = new RegistryHttp(registry.Url);

        var anonymous = await http.Get("/subjects");
        Assert.Equal((401, 40101), (anonymous.Status, anonymous.ErrorCode));
        http.Authorization = new AuthenticationHeaderValue("Bearer", "other");
        Assert.Equal(40101, (await http.Get("/subjects")).ErrorCode);
        http.Authorization = new AuthenticationHeaderValue("Basic", "dDBrZW4=");
        Assert.Equal(40101, (await http.Get("/subjects")).ErrorCode);
        http.Authorization = new AuthenticationHeaderValue("Bearer", "t0ken");
        Assert.Equal(200, (await http.Get("/subjects")).Status);
    }

    [Fact]
    public async Task With_a_certificate_it_serves_https_only()
    {
        using var server = _authority.IssueServer("127.0.0.1", "localhost");
        await using var registry = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { ServerCertificate = server });
        using var trusting = Client(_authority, null);
        using var plain = new HttpClient();

        Assert.StartsWith("https://127.0.0.1:", registry.Url, StringComparison.Ordinal);
        Assert.Equal("[]", await trusting.GetStringAsync(registry.Url + "/subjects"));
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetStringAsync(registry.Url.Replace("https://", "http://", StringComparison.Ordinal) + "/subjects"));
    }

    [Fact]
    public async Task A_demanded_client_certificate_must_come_from_the_given_authority()
    {
        using var server = _authority.IssueServer("127.0.0.1");
        await using var registry = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions
        {
            ServerCertificate = server,
            ClientCertificateAuthorities = [_clientAuthority.Certificate],
        });
        using var accepted = _clientAuthority.IssueClient("cdc");
        using var stranger = _authority.IssueClient("cdc");
        using var withCertificate = Client(_authority, accepted);
        using var withStranger = Client(_authority, stranger);
        using var without = Client(_authority, null);

        Assert.Equal("[]", await withCertificate.GetStringAsync(registry.Url + "/subjects"));
        await Assert.ThrowsAsync<HttpRequestException>(() => without.GetStringAsync(registry.Url + "/subjects"));
        await Assert.ThrowsAsync<HttpRequestException>(() => withStranger.GetStringAsync(registry.Url + "/subjects"));
    }

    [Fact]
    public async Task Contradictory_options_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BasicAuth = "a:b", BearerToken = "t" }));
        await Assert.ThrowsAsync<ArgumentException>(() => InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BearerToken = string.Empty }));
        await Assert.ThrowsAsync<ArgumentException>(() => InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { ClientCertificateAuthorities = [_clientAuthority.Certificate] }));
    }

    public void Dispose()
    {
        _authority.Dispose();
        _clientAuthority.Dispose();
    }

    /// <summary>An HttpClient trusting only <paramref name="authority"/>, presenting <paramref name="certificate"/> when given.</summary>
    private static HttpClient Client(TestAuthority authority, X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler();
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(authority.Certificate);
        handler.SslOptions.CertificateChainPolicy = policy;
        if (certificate is not null)
        {
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
