using Cdc.Cli.Check;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Tests.Shared;

namespace Cdc.Connector.Tests.Check;

/// <summary>`cdc check` against a registry over https with a demanded client certificate, and one that takes a bearer token.</summary>
public sealed class CheckRegistryTlsAndBearerTests : IDisposable
{
    private readonly TestAuthority _authority = TestAuthority.Create("cdc-check-registry-ca");
    private readonly TestAuthority _otherAuthority = TestAuthority.Create("cdc-check-other-ca");

    [Fact]
    public async Task A_registry_over_mutual_tls_passes_with_the_ca_and_client_certificate_files()
    {
        using var server = _authority.IssueServer("127.0.0.1");
        await using var endpoints = await CheckEndpoints.StartAsync(registryOptions: new InMemorySchemaRegistryOptions { ServerCertificate = server, ClientCertificateAuthorities = [_authority.Certificate] });
        using var client = _authority.IssueClient("cdc");
        var ca = Write(endpoints, "ca.pem", _authority.CertificatePem);
        var certificate = Write(endpoints, "client.pem", TestAuthority.CertificateAndKeyPem(client));
        var config = endpoints.WriteConfig(c =>
        {
            c["schemaRegistry"]!["tlsCAFile"] = ca;
            c["schemaRegistry"]!["tlsCertificateKeyFile"] = certificate;
        });

        var run = CheckRun.Invoke("--config", config);

        Assert.Equal("PASS  schemaRegistry: reachable: answered with no credentials; global compatibility level BACKWARD", run.Line("schemaRegistry", "reachable"));
        Assert.StartsWith("PASS  schemaRegistry: subject cdc.shop.orders-value: not registered yet", run.Line("schemaRegistry", "subject cdc.shop.orders-value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_ca_file_fails_reachable_with_the_tls_fix()
    {
        using var server = _authority.IssueServer("127.0.0.1");
        await using var endpoints = await CheckEndpoints.StartAsync(registryOptions: new InMemorySchemaRegistryOptions { ServerCertificate = server });
        var config = endpoints.WriteConfig(c => c["schemaRegistry"]!["tlsCAFile"] = Write(endpoints, "ca.pem", _otherAuthority.CertificatePem));

        var run = CheckRun.Invoke("--config", config, "--timeout", "5");

        Assert.Equal(1, run.ExitCode);
        var line = run.Line("schemaRegistry", "reachable");
        Assert.StartsWith($"FAIL  schemaRegistry: reachable: Schema Registry get compatibility level failed: {endpoints.Registry.Url} → no answer (The SSL connection could not be established: ", line, StringComparison.Ordinal);
        Assert.EndsWith($" — fix: {RegistryRules.TlsFix}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_token_the_registry_refuses_fails_as_credentials_naming_the_key_without_showing_it()
    {
        await using var endpoints = await CheckEndpoints.StartAsync(registryOptions: new InMemorySchemaRegistryOptions { BearerToken = "right-token-2d4f" });
        var refused = endpoints.WriteConfig(c => c["schemaRegistry"]!["bearerToken"] = "expired-token-8b3c");
        var refusedRun = CheckRun.Invoke("--config", refused);
        var accepted = endpoints.WriteConfig(c => c["schemaRegistry"]!["bearerToken"] = "right-token-2d4f");
        var acceptedRun = CheckRun.Invoke("--config", accepted);

        var line = refusedRun.Line("schemaRegistry", "credentials");
        Assert.StartsWith($"FAIL  schemaRegistry: credentials: Schema Registry get compatibility level failed at {endpoints.Registry.Url}: HTTP 401 (Unauthorized), error_code 40101", line, StringComparison.Ordinal);
        Assert.EndsWith(" — fix: set schemaRegistry.bearerToken to a token the registry accepts (not expired)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("expired-token", refusedRun.Stdout + refusedRun.Stderr, StringComparison.Ordinal);
        Assert.Equal("PASS  schemaRegistry: reachable: answered with the configured credentials; global compatibility level BACKWARD", acceptedRun.Line("schemaRegistry", "reachable"));
    }

    public void Dispose()
    {
        _authority.Dispose();
        _otherAuthority.Dispose();
    }

    private static string Write(CheckEndpoints endpoints, string name, string content)
    {
        var path = endpoints.Directory.File(name);
        File.WriteAllText(path, content);
        return path;
    }
}
