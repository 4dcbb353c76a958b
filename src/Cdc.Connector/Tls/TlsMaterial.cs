using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cdc.Connector.Tls;

/// <summary>
/// The TLS material of a section's tlsCAFile and tlsCertificateKeyFile (mongodb.*, schemaRegistry.*), read once: the CA
/// certificates a server's certificate must chain to, and the client certificate with its key and intermediates.
/// Both files are PEM, as MongoDB's own tlsCAFile and tlsCertificateKeyFile; nothing is written anywhere.
/// </summary>
internal sealed class TlsMaterial : IDisposable
{
    private TlsMaterial(X509Certificate2Collection? authorities, X509Certificate2? clientCertificate, X509Certificate2Collection? clientChain)
    {
        Authorities = authorities;
        ClientCertificate = clientCertificate;
        ClientChain = clientChain;
    }

    /// <summary>No TLS settings: the system's roots, no client certificate.</summary>
    public static TlsMaterial None { get; } = new(null, null, null);

    /// <summary>The trusted roots instead of the system's, or null for the system's.</summary>
    public X509Certificate2Collection? Authorities { get; }

    /// <summary>The client certificate with its private key, or null.</summary>
    public X509Certificate2? ClientCertificate { get; }

    /// <summary>The certificates after the client certificate in its file (intermediates sent with it).</summary>
    public X509Certificate2Collection? ClientChain { get; }

    /// <summary>Reads the files; throws <see cref="ArgumentException"/> naming the key and the path when one cannot be used.</summary>
    /// <param name="section">The configuration section the keys belong to ("mongodb", "schemaRegistry"), for messages.</param>
    /// <param name="caFile">The section's tlsCAFile, or null.</param>
    /// <param name="certificateKeyFile">The section's tlsCertificateKeyFile, or null.</param>
    public static TlsMaterial Load(string section, string? caFile, string? certificateKeyFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(section);
        if (caFile is null && certificateKeyFile is null)
        {
            return None;
        }

        var authorities = caFile is null ? null : LoadAuthorities(section, caFile);
        if (certificateKeyFile is null)
        {
            return new TlsMaterial(authorities, null, null);
        }

        var (certificate, chain) = LoadClientCertificate(section, certificateKeyFile);
        return new TlsMaterial(authorities, certificate, chain);
    }

    public void Dispose()
    {
        if (ReferenceEquals(this, None))
        {
            return;
        }

        ClientCertificate?.Dispose();
        Dispose(Authorities);
        Dispose(ClientChain);
    }

    private static X509Certificate2Collection LoadAuthorities(string section, string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException($"{section}.tlsCAFile names '{path}', which cannot be read as PEM certificates: {e.Message}", e);
        }

        return authorities.Count > 0
            ? authorities
            : throw new ArgumentException($"{section}.tlsCAFile names '{path}', which holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    private static (X509Certificate2 Certificate, X509Certificate2Collection Chain) LoadClientCertificate(string section, string path)
    {
        X509Certificate2 fromPem;
        var all = new X509Certificate2Collection();
        try
        {
            // The first certificate of the file with the private key found in it, then every certificate of the file.
            fromPem = X509Certificate2.CreateFromPemFile(path);
            all.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException(
                $"{section}.tlsCertificateKeyFile names '{path}', which cannot be used as a client certificate: {e.Message} "
                + "(it must hold the PEM certificate and its unencrypted PEM private key, like MongoDB's tlsCertificateKeyFile)", e);
        }

        using (fromPem)
        {
            // An ephemeral PEM key cannot sign a TLS handshake on every platform (Windows); a PKCS#12 round trip in memory
            // gives a key TLS can use everywhere.
            var certificate = X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), null);
            var chain = new X509Certificate2Collection();
            foreach (var other in all)
            {
                if (other.Thumbprint == certificate.Thumbprint)
                {
                    other.Dispose();
                }
                else
                {
                    chain.Add(other);
                }
            }

            return (certificate, chain);
        }
    }

    private static void Dispose(X509Certificate2Collection? certificates)
    {
        foreach (var certificate in certificates ?? [])
        {
            certificate.Dispose();
        }
    }
}
