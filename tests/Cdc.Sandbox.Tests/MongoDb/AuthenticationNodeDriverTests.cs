using System.Text.Json;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Tests.Shared;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Authentication, privilege checks and TLS judged by the official MongoDB Node.js driver.</summary>
public sealed class AuthenticationNodeDriverTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_Node_driver_authenticates_with_SCRAM_and_each_user_gets_what_its_roles_allow()
    {
        await using var server = MongoServer.Start(AuthenticatedServer.Options());
        var output = await RunAsync("mongo-auth.mjs", new { uri = server.ConnectionString });
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Node_driver_without_credentials_may_ping_and_gets_13_for_everything_else()
    {
        await using var server = MongoServer.Start(AuthenticatedServer.Options());
        var output = await RunAsync("mongo-auth-required.mjs", new { uri = server.ConnectionString });
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Node_driver_authenticates_over_TLS_trusting_only_the_test_CA()
    {
        using var certificates = TestCertificates.Create();
        await using var server = MongoServer.Start(AuthenticatedServer.Options(certificates.Server));
        var output = await RunAsync("mongo-auth.mjs", new { uri = server.ConnectionString, tlsCAFile = certificates.AuthorityPemPath });
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);
        output = await RunAsync("mongo-auth-required.mjs", new { uri = server.ConnectionString, tlsCAFile = certificates.AuthorityPemPath });
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Node_driver_authenticates_with_MONGODB_X509_using_a_client_certificate_issued_by_the_CA()
    {
        using var certificates = TestCertificates.Create();
        await using var server = MongoServer.Start(AuthenticatedServer.Options(certificates.Server) with
        {
            ClientCertificateAuthority = certificates.Authority,
            Users = [new MongoServerUser(TestCertificates.ClientSubject, "", [new RoleName("read", "shop")]) { Database = "$external" }],
        });
        var output = await RunAsync("mongo-auth-x509.mjs", new
        {
            uri = server.ConnectionString,
            tlsCAFile = certificates.AuthorityPemPath,
            tlsCertificateKeyFile = certificates.ClientPemPath,
            subject = TestCertificates.ClientSubject,
        });
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);
    }

    /// <summary>Runs off the test's thread: the server answers the driver from the thread pool while the test waits.</summary>
    private static Task<string> RunAsync(string script, object input) =>
        Task.Run(() => NodeScript.Run(Path.Combine("sandbox", script), JsonSerializer.Serialize(input), ScriptTimeout));
}
