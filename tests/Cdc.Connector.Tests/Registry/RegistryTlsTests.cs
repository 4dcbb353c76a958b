using System.Security.Cryptography.X509Certificates;
using Cdc.Cli.Check;
using Cdc.Connector.Registry;
using Cdc.Connector.Tests.Checkpoint;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Tests.Shared;
using Confluent.SchemaRegistry;

namespace Cdc.Connector.Tests.Registry;

/// <summary>
/// schemaRegistry.tlsCAFile and tlsCertificateKeyFile for real: the sandbox registry serves https on 127.0.0.1 with a
/// certificate from a throwaway CA made in the test (and, for mutual TLS, demands a client certificate from another),
/// and the connector's client must trust exactly that CA, check the host name, and present the PEM client certificate.
/// </summary>
public sealed class RegistryTlsTests : IDisposable
{
    private const string Schema = """{"type":"record","name":"Key","namespace":"cdc","fields":[{"name":"id","type":"string"}]}""";

    private readonly TestAuthority _authority = TestAuthority.Create("cdc-test-registry-ca");
    private readonly TestAuthority _otherAuthority = TestAuthority.Create("cdc-test-other-ca");
    private readonly TestAuthority _clientAuthority = TestAuthority.Create("cdc-test-client-ca");
    private readonly TemporaryDirectory _files = new();

    [Fact]
    public async Task A_registry_whose_certificate_chains_to_the_ca_file_is_trusted()
    {
        using var server = _authority.IssueServer("127.0.0.1");
        await using var registry = await Https(server);
        using var client = Client(registry.Url, CaFile(_authority));

        Assert.StartsWith("https://127.0.0.1:", registry.Url, StringComparison.Ordinal);
        Assert.Equal(1, await client.RegisterAsync("orders-value", Schema, CancellationToken.None));
        Assert.Equal("BACKWARD", await client.GetCompatibilityLevelAsync("orders-value", CancellationToken.None));
    }

    [Fact]
    public async Task A_wrong_ca_file_fails_naming_the_certificate_chain_and_the_fix()
    {
        using var server = _authority.IssueServer("127.0.0.1");
        await using var registry = await Https(server);
        using var client = Client(registry.Url, CaFile(_otherAuthority));

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTlsFailure);
        Assert.StartsWith(
            $"Schema Registry register of subject 'orders-value' failed: {registry.Url} → no answer (The SSL connection could not be established: The remote certificate is invalid because of errors in the certificate chain: ",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal(RegistryRules.TlsFix, RegistryRules.Unreachable(error).Fix);
        Assert.Equal(0, registry.Faults.RequestCount);
    }

    [Fact]
    public async Task Without_a_ca_file_the_private_ca_is_not_trusted()
    {
        using var server = _authority.IssueServer("127.0.0.1");
        await using var registry = await Https(server);
        using var client = Client(registry.Url, caFile: null);

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.True(error.IsTlsFailure, error.Message);
        Assert.Equal(0, registry.Faults.RequestCount);
    }

    [Fact]
    public async Task A_certificate_for_another_host_from_the_right_ca_is_refused()
    {
        using var server = _authority.IssueServer("registry.example.test");
        await using var registry = await Https(server);
        using var client = Client(registry.Url, CaFile(_authority));

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.True(error.IsTlsFailure, error.Message);
        Assert.Contains("RemoteCertificateNameMismatch", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, registry.Faults.RequestCount);
    }

    [Fact]
    public async Task Confluents_own_ca_option_refuses_a_server_that_does_not_send_its_root_which_is_why_the_transport_is_replaced()
    {
        using var server = _authority.IssueServer("127.0.0.1");
        await using var registry = await Https(server);
        var config = new SchemaRegistryConfig { Url = registry.Url, SslCaLocation = CaFile(_authority), MaxRetries = 1 };
        using var confluent = new CachedSchemaRegistryClient(config);

        // If a later Confluent.SchemaRegistry passes this, Registry/RegistryTransport.cs may no longer be needed.
        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => confluent.RegisterSchemaAsync("orders-value", Schema));

        Assert.Contains("SSL connection could not be established", error.Message, StringComparison.Ordinal);
        using var ours = Client(registry.Url, CaFile(_authority));
        Assert.Equal(1, await ours.RegisterAsync("orders-value", Schema, CancellationToken.None));
    }

    [Fact]
    public async Task With_mutual_tls_the_pem_client_certificate_is_presented_for_every_call()
    {
        using var server = _authority.IssueServer("127.0.0.1");
        await using var registry = await Https(server, _clientAuthority);
        using var certificate = _clientAuthority.IssueClient("cdc-connector");
        using var client = Client(registry.Url, CaFile(_authority), CertificateKeyFile(certificate));

        var id = await client.RegisterAsync("orders-value", Schema, CancellationToken.None);
        var compatibility = await client.TestCompatibilityAsync("orders-value", Schema, CancellationToken.None);
        Assert.Equal(Schema, await client.GetSchemaByIdAsync(id, CancellationToken.None));

        Assert.True(compatibility.IsCompatible);
        Assert.Equal(3, registry.Faults.RequestCount);
    }

    [Fact]
    public async Task Without_a_client_certificate_mutual_tls_is_refused()
    {
        using var server = _authority.IssueServer("127.0.0.1");
        await using var registry = await Https(server, _clientAuthority);
        using var client = Client(registry.Url, CaFile(_authority));

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Contains("no answer", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, registry.Faults.RequestCount);
    }

    [Fact]
    public async Task A_client_certificate_from_another_authority_is_refused()
    {
        using var server = _authority.IssueServer("127.0.0.1");
        await using var registry = await Https(server, _clientAuthority);
        using var stranger = _otherAuthority.IssueClient("cdc-connector");
        using var client = Client(registry.Url, CaFile(_authority), CertificateKeyFile(stranger));

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Equal(0, registry.Faults.RequestCount);
    }

    [Fact]
    public void A_certificate_file_without_a_private_key_is_refused_when_the_client_is_built()
    {
        var path = _files.File("no-key.pem");
        File.WriteAllText(path, _clientAuthority.CertificatePem);

        var error = Assert.Throws<ArgumentException>(() => Client("https://127.0.0.1:1", CaFile(_authority), path));

        Assert.StartsWith($"schemaRegistry.tlsCertificateKeyFile names '{path}', which cannot be used as a client certificate: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("unencrypted PEM private key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("absent.pem", null)]
    [InlineData("empty.pem", "")]
    [InlineData("not-pem.pem", "not a certificate")]
    public void A_ca_file_without_a_certificate_is_refused_when_the_client_is_built(string name, string? content)
    {
        var path = _files.File(name);
        if (content is not null)
        {
            File.WriteAllText(path, content);
        }

        var error = Assert.Throws<ArgumentException>(() => Client("https://127.0.0.1:1", path));

        Assert.StartsWith($"schemaRegistry.tlsCAFile names '{path}', which ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _authority.Dispose();
        _otherAuthority.Dispose();
        _clientAuthority.Dispose();
        _files.Dispose();
    }

    private static Task<InMemorySchemaRegistry> Https(X509Certificate2 server, TestAuthority? clientAuthority = null) =>
        InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions
        {
            ServerCertificate = server,
            ClientCertificateAuthorities = clientAuthority is null ? null : [clientAuthority.Certificate],
        });

    private static RegistryClient Client(string url, string? caFile, string? certificateKeyFile = null) =>
        RegistryClient.Create(new RegistryClientOptions
        {
            Urls = [url],
            TlsCAFile = caFile,
            TlsCertificateKeyFile = certificateKeyFile,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });

    private string CaFile(TestAuthority authority)
    {
        var path = _files.File($"ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, authority.CertificatePem);
        return path;
    }

    private string CertificateKeyFile(X509Certificate2 certificate)
    {
        var path = _files.File($"client-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, TestAuthority.CertificateAndKeyPem(certificate));
        return path;
    }
}
