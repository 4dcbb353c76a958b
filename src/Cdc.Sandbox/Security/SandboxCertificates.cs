using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cdc.Sandbox.Security;

/// <summary>
/// The throwaway certificates of a sandbox started with TLS: a certificate authority and a server certificate it signed
/// for 127.0.0.1 and localhost, both made in memory at start (ECDSA P-256) and valid for a few days. The CA goes to a PEM
/// file in a temporary directory of this process, for clients to trust (<see cref="CaFile"/>); disposing deletes it.
/// Nothing here is ever written anywhere else or reused across runs.
/// </summary>
internal sealed class SandboxCertificates : IDisposable
{
    /// <summary>How long the certificates are valid: enough for a long-running sandbox, short enough to be throwaway.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(3);

    /// <summary>Starts validity a little in the past, so a client whose clock is slightly behind still accepts them.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private SandboxCertificates(X509Certificate2 authority, X509Certificate2 server, string directory, string caFile)
    {
        Authority = authority;
        ServerCertificate = server;
        Directory = directory;
        CaFile = caFile;
    }

    /// <summary>The CA certificate, without its private key (the key is dropped once the server certificate is signed).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate with its private key, loaded from PKCS#12 so that SslStream and Kestrel can use the key on Linux.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The temporary directory holding <see cref="CaFile"/>; only this process's user can read it.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate as PEM: what clients trust (ssl.ca.location, tlsCAFile, a kafkajs <c>ssl.ca</c>).</summary>
    public string CaFile { get; }

    /// <summary>The CA certificate as PEM text.</summary>
    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <summary>Makes the CA and the server certificate and writes the CA's PEM file.</summary>
    /// <exception cref="IOException">The temporary directory or the CA file could not be written.</exception>
    public static SandboxCertificates Create()
    {
        var now = DateTimeOffset.UtcNow;
        var notBefore = now - ClockSkewAllowance;
        var notAfter = now + Validity;

        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=cdc sandbox throwaway CA, O=cdc sandbox", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, critical: false));
        using var authorityWithKey = authorityRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost, O=cdc sandbox", serverKey, HashAlgorithmName.SHA256);
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid)], critical: false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authorityWithKey, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());

        // A random positive serial: clients may cache by issuer and serial, and every run is a new certificate.
        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        using var issued = serverRequest.Create(authorityWithKey, notBefore, notAfter, serial);
        using var issuedWithKey = issued.CopyWithPrivateKey(serverKey);

        // An ephemeral key from CopyWithPrivateKey cannot be handed to the TLS stack on every platform; a PKCS#12 round
        // trip gives a certificate whose key SslStream and Kestrel load everywhere.
        var server = X509CertificateLoader.LoadPkcs12(issuedWithKey.Export(X509ContentType.Pkcs12), password: null);
        var authority = X509CertificateLoader.LoadCertificate(authorityWithKey.RawData);

        string? directory = null;
        try
        {
            directory = System.IO.Directory.CreateTempSubdirectory("cdc-sandbox-tls-").FullName;
            var caFile = Path.Combine(directory, "ca.pem");
            File.WriteAllText(caFile, authority.ExportCertificatePem() + "\n");
            return new SandboxCertificates(authority, server, directory, caFile);
        }
        catch
        {
            server.Dispose();
            authority.Dispose();
            if (directory is not null)
            {
                DeleteQuietly(directory);
            }

            throw;
        }
    }

    /// <summary>Deletes the temporary directory with the CA file and releases the certificates.</summary>
    public void Dispose()
    {
        DeleteQuietly(Directory);
        ServerCertificate.Dispose();
        Authority.Dispose();
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover public CA certificate in the temp directory harms nothing; stopping must not fail over it.
        }
    }
}
