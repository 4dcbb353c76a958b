using System.Security.Cryptography.X509Certificates;
using Cdc.Tests.Shared;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>
/// The certificates of one emulator TLS test, from a <see cref="TestAuthority"/>: a server certificate for 127.0.0.1 and
/// localhost, and a client certificate named <see cref="ClientSubject"/>. The CA's PEM (Node's tlsCAFile) and the client's
/// certificate and key (tlsCertificateKeyFile) go to temporary files, deleted on dispose.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    /// <summary>The subject of the client certificate, in the RFC 2253 form mongod names X.509 users by.</summary>
    public const string ClientSubject = "CN=connector,OU=cdc,O=sandbox tests";

    private readonly TestAuthority _authority;

    private TestCertificates(TestAuthority authority)
    {
        _authority = authority;
        Server = authority.IssueServer("127.0.0.1", "localhost");
        Client = authority.IssueClient(ClientSubject);
        AuthorityPemPath = Path.Combine(Path.GetTempPath(), $"cdc-sandbox-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(AuthorityPemPath, authority.CertificatePem);
        ClientPemPath = Path.Combine(Path.GetTempPath(), $"cdc-sandbox-test-client-{Guid.NewGuid():N}.pem");
        File.WriteAllText(ClientPemPath, TestAuthority.CertificateAndKeyPem(Client));
    }

    /// <summary>A client certificate (with its private key) issued by the CA to <see cref="ClientSubject"/>.</summary>
    public X509Certificate2 Client { get; }

    /// <summary>The client certificate and its private key as PEM (Node's tlsCertificateKeyFile).</summary>
    public string ClientPemPath { get; }

    public X509Certificate2 Authority => _authority.Certificate;

    /// <summary>The server certificate with its private key, for MongoServerOptions.TlsCertificate.</summary>
    public X509Certificate2 Server { get; }

    public string AuthorityPemPath { get; }

    public static TestCertificates Create() => new(TestAuthority.Create("cdc sandbox test CA"));

    /// <summary>Whether <paramref name="certificate"/> chains to this CA alone (the validation a client configured with it does).</summary>
    public bool IsIssuedByAuthority(X509Certificate certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    public void Dispose()
    {
        File.Delete(AuthorityPemPath);
        File.Delete(ClientPemPath);
        Client.Dispose();
        Server.Dispose();
        _authority.Dispose();
    }
}
