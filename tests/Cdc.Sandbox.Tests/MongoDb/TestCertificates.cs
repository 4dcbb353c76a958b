using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>
/// A throwaway certificate authority and a server certificate for 127.0.0.1 signed by it, made in memory for one test.
/// The CA's PEM goes to a temporary file (Node's tlsCAFile), deleted on dispose; nothing is written anywhere else.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    /// <summary>The subject of the client certificate, in the RFC 2253 form mongod names X.509 users by.</summary>
    public const string ClientSubject = "CN=connector,OU=cdc,O=sandbox tests";

    private TestCertificates(X509Certificate2 authority, X509Certificate2 server, string authorityPemPath, X509Certificate2 client, string clientPemPath)
    {
        Authority = authority;
        Server = server;
        AuthorityPemPath = authorityPemPath;
        Client = client;
        ClientPemPath = clientPemPath;
    }

    /// <summary>A client certificate (with its private key) issued by the CA to <see cref="ClientSubject"/>.</summary>
    public X509Certificate2 Client { get; }

    /// <summary>The client certificate and its private key as PEM (Node's tlsCertificateKeyFile).</summary>
    public string ClientPemPath { get; }

    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate with its private key, for MongoServerOptions.TlsCertificate.</summary>
    public X509Certificate2 Server { get; }

    public string AuthorityPemPath { get; }

    public static TestCertificates Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=cdc sandbox test CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, critical: false));
        var authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var signed = serverRequest.Create(authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(serverKey);

        // Re-imported from PKCS#12 so the private key is usable by SslStream on every platform (not an ephemeral key).
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
        var path = Path.Combine(Path.GetTempPath(), $"cdc-sandbox-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, authority.ExportCertificatePem());

        using var clientKey = RSA.Create(2048);
        var clientRequest = new CertificateRequest(ClientSubject, clientKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        clientRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        clientRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var clientSigned = clientRequest.Create(authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var clientWithKey = clientSigned.CopyWithPrivateKey(clientKey);
        var client = X509CertificateLoader.LoadPkcs12(clientWithKey.Export(X509ContentType.Pkcs12), password: null);
        var clientPath = Path.Combine(Path.GetTempPath(), $"cdc-sandbox-test-client-{Guid.NewGuid():N}.pem");
        File.WriteAllText(clientPath, clientSigned.ExportCertificatePem() + "\n" + clientKey.ExportPkcs8PrivateKeyPem() + "\n");
        return new TestCertificates(authority, server, path, client, clientPath);
    }

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
        Authority.Dispose();
    }
}
