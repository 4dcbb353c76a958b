using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cdc.Tests.Shared;

/// <summary>
/// A throwaway certificate authority made in memory for a test (nothing is committed or installed): it issues server
/// certificates for names and addresses, and client certificates, valid for an hour (the authority for a day). PEM text for the files the
/// connector reads (tlsCAFile, tlsCertificateKeyFile).
/// </summary>
internal sealed class TestAuthority : IDisposable
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly RSA _key;

    private TestAuthority(RSA key, X509Certificate2 certificate)
    {
        _key = key;
        Certificate = certificate;
    }

    /// <summary>The CA's own certificate, with its key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate alone, as a PEM block (a tlsCAFile's content).</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    public static TestAuthority Create(string name)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return new TestAuthority(key, request.CreateSelfSigned(now.AddMinutes(-10), now.AddDays(1)));
    }

    /// <summary>A server certificate for <paramref name="names"/> (IP addresses or DNS names), with its key.</summary>
    public X509Certificate2 IssueServer(params string[] names)
    {
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                alternativeNames.AddIpAddress(address);
            }
            else
            {
                alternativeNames.AddDnsName(name);
            }
        }

        return Issue(names.Length > 0 ? names[0] : "server", ServerAuthentication, alternativeNames.Build());
    }

    /// <summary>A client certificate for <paramref name="name"/> (a common name, or a whole distinguished name), with its key.</summary>
    public X509Certificate2 IssueClient(string name) => Issue(name, ClientAuthentication, null);

    /// <summary>The certificate and its private key as PEM (a tlsCertificateKeyFile's content).</summary>
    public static string CertificateAndKeyPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The certificate has no RSA private key.");
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private X509Certificate2 Issue(string name, string usage, X509Extension? alternativeNames)
    {
        using var key = RSA.Create(2048);
        // A full distinguished name ("CN=connector,OU=cdc,…", as X.509 users are named) is taken as it is.
        var subject = name.Contains('=', StringComparison.Ordinal) ? name : $"CN={name}";
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (alternativeNames is not null)
        {
            request.CertificateExtensions.Add(alternativeNames);
        }

        var serial = new byte[12];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Certificate, now.AddMinutes(-5), now.AddHours(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12 so that Kestrel and SslStream can use the key on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
