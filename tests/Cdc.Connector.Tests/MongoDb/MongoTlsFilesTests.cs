using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Tests.Checkpoint;
using Cdc.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.MongoDb;

/// <summary>
/// mongodb.tlsCAFile and mongodb.tlsCertificateKeyFile become the driver's SSL settings: TLS on, the server's certificate
/// trusted when it chains to the CA file (the host name still checked), the client certificate presented; unusable
/// files and a URI saying tls=false are configuration errors naming the key and the path.
/// </summary>
public sealed class MongoTlsFilesTests : IDisposable
{
    private const string Uri = "mongodb://127.0.0.1:27017/?replicaSet=rs0";

    private readonly TestAuthority _authority = TestAuthority.Create("cdc-test-mongodb-ca");
    private readonly TestAuthority _otherAuthority = TestAuthority.Create("cdc-test-other-ca");
    private readonly TemporaryDirectory _files = new();

    [Fact]
    public void A_ca_file_turns_tls_on_and_trusts_exactly_the_servers_that_chain_to_it()
    {
        using var ours = _authority.IssueServer("127.0.0.1");
        using var theirs = _otherAuthority.IssueServer("127.0.0.1");
        using var client = MongoClientFactory.Create(Uri, "cdc", NullLoggerFactory.Instance, tls: new MongoTlsFiles(CaFile(_authority), null));

        var validate = client.Settings.SslSettings.ServerCertificateValidationCallback;

        Assert.True(client.Settings.UseTls);
        Assert.True(validate(this, ours, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validate(this, theirs, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validate(this, ours, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.True(validate(this, ours, null, SslPolicyErrors.None));
    }

    [Fact]
    public void A_certificate_key_file_is_presented_as_the_client_certificate_with_its_key()
    {
        using var issued = _authority.IssueClient("cdc-connector");
        var path = _files.File("client.pem");
        File.WriteAllText(path, TestAuthority.CertificateAndKeyPem(issued));

        using var client = MongoClientFactory.Create(Uri, "cdc", NullLoggerFactory.Instance, tls: new MongoTlsFiles(null, path));

        var presented = Assert.IsType<X509Certificate2>(Assert.Single(client.Settings.SslSettings.ClientCertificates));
        Assert.Equal(issued.Thumbprint, presented.Thumbprint);
        Assert.True(presented.HasPrivateKey);
        Assert.True(client.Settings.UseTls);
    }

    [Fact]
    public void An_unreadable_ca_file_is_a_configuration_error_naming_the_key_and_the_path()
    {
        var path = _files.File("absent.pem");

        var error = Assert.Throws<ConfigurationException>(() =>
            MongoClientFactory.Create(Uri, "cdc", NullLoggerFactory.Instance, tls: new MongoTlsFiles(path, null)));

        Assert.StartsWith($"mongodb.tlsCAFile names '{path}', which ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Fix: point the key at a readable PEM file, or unset it.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_files_with_a_uri_saying_tls_false_contradict_each_other()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            MongoClientFactory.Create("mongodb://cdc:hunter2@127.0.0.1:27017/?tls=false", "cdc", NullLoggerFactory.Instance, tls: new MongoTlsFiles(CaFile(_authority), null)));

        Assert.Contains("says tls=false", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_tls_files_the_uris_own_settings_are_kept()
    {
        using var client = MongoClientFactory.Create(Uri, "cdc", NullLoggerFactory.Instance);

        Assert.False(client.Settings.UseTls);
    }

    [Fact]
    public void The_keys_load_from_configuration_and_show_in_the_effective_configuration()
    {
        var options = Cdc.Connector.Tests.Configuration.Load.FromSets("mongodb.tlsCAFile=/etc/cdc/ca.pem", "mongodb.tlsCertificateKeyFile=/etc/cdc/client.pem");

        Assert.Equal(new MongoTlsFiles("/etc/cdc/ca.pem", "/etc/cdc/client.pem"), MongoTlsFiles.From(options.MongoDb));
    }

    public void Dispose()
    {
        _authority.Dispose();
        _otherAuthority.Dispose();
        _files.Dispose();
    }

    private string CaFile(TestAuthority authority)
    {
        var path = _files.File($"ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, authority.CertificatePem);
        return path;
    }
}
