using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Cdc.Connector.Tls;

/// <summary>Whether a server's certificate is trusted when a tlsCAFile names the authorities, instead of the system's roots.</summary>
internal static class TlsTrust
{
    /// <summary>
    /// A certificate validation callback's verdict: the system found nothing wrong, or the only fault was the chain and
    /// the certificate (with the intermediates the server sent) chains to one of <paramref name="authorities"/>. A host
    /// name mismatch is never forgiven.
    /// </summary>
    public static bool Accepts(X509Certificate? certificate, X509Chain? sent, SslPolicyErrors errors, X509Certificate2Collection authorities) =>
        errors == SslPolicyErrors.None
        || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && ChainsTo(certificate, sent, authorities));

    /// <summary>Whether <paramref name="certificate"/>, with the intermediates in <paramref name="sent"/>, chains to one of <paramref name="authorities"/>.</summary>
    public static bool ChainsTo(X509Certificate certificate, X509Chain? sent, X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authorities);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        if (sent is not null)
        {
            foreach (var element in sent.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
