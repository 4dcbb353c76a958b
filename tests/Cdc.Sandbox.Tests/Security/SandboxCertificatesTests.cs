using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cdc.Sandbox.Security;

namespace Cdc.Sandbox.Tests.Security;

public sealed class SandboxCertificatesTests
{
    private static readonly TimeSpan HandshakeDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_server_certificate_chains_to_the_generated_CA_and_to_no_system_root()
    {
        using var certificates = SandboxCertificates.Create();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(certificates.Authority);
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));

        Assert.True(chain.Build(certificates.ServerCertificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(certificates.Authority.Thumbprint, chain.ChainElements[^1].Certificate.Thumbprint);

        using var systemOnly = new X509Chain();
        systemOnly.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.False(systemOnly.Build(certificates.ServerCertificate));
    }

    [Fact]
    public void The_server_certificate_names_127_0_0_1_and_localhost_and_is_valid_from_a_little_before_now_for_days()
    {
        using var certificates = SandboxCertificates.Create();
        var server = certificates.ServerCertificate;

        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal([IPAddress.Loopback], names.EnumerateIPAddresses());
        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.True(server.MatchesHostname("127.0.0.1"));
        Assert.True(server.MatchesHostname("localhost"));
        var usages = server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Contains(usages.Cast<Oid>(), oid => oid.Value == "1.3.6.1.5.5.7.3.1");
        Assert.True(server.NotBefore.ToUniversalTime() < DateTime.UtcNow.AddMinutes(-4));
        Assert.True(server.NotAfter.ToUniversalTime() > DateTime.UtcNow.AddDays(2));
        Assert.False(certificates.Authority.HasPrivateKey);
    }

    [Fact]
    public void The_server_private_key_signs_what_the_certificate_public_key_verifies()
    {
        using var certificates = SandboxCertificates.Create();
        var data = "signed by the sandbox"u8.ToArray();

        using var privateKey = certificates.ServerCertificate.GetECDsaPrivateKey();
        Assert.NotNull(privateKey);
        var signature = privateKey.SignData(data, HashAlgorithmName.SHA256);
        using var publicKey = certificates.ServerCertificate.GetECDsaPublicKey()!;

        Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task An_SslStream_server_with_the_certificate_completes_a_handshake_with_a_client_that_trusts_only_the_CA()
    {
        using var certificates = SandboxCertificates.Create();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var deadline = new CancellationTokenSource(HandshakeDeadline);

        var serverSide = Task.Run(async () =>
        {
            using var accepted = await listener.AcceptTcpClientAsync(deadline.Token);
            await using var tls = new SslStream(accepted.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificates.ServerCertificate }, deadline.Token);
            tls.WriteByte(42);
            await tls.FlushAsync(deadline.Token);
        });
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, deadline.Token);
        await using var clientTls = new SslStream(client.GetStream());
        await clientTls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", CertificateChainPolicy = TrustOnly(certificates.CaFile) },
            deadline.Token);

        Assert.Equal(42, clientTls.ReadByte());
        await serverSide;
    }

    [Fact]
    public void The_CA_file_is_PEM_in_a_directory_only_its_owner_can_read_and_disposing_deletes_it()
    {
        var certificates = SandboxCertificates.Create();
        var caFile = certificates.CaFile;
        try
        {
            var pem = File.ReadAllText(caFile);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
            using var fromFile = X509Certificate2.CreateFromPem(pem);
            Assert.Equal(certificates.Authority.Thumbprint, fromFile.Thumbprint);
            Assert.DoesNotContain("PRIVATE KEY", pem, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(certificates.Directory));
            }
        }
        finally
        {
            certificates.Dispose();
        }

        Assert.False(File.Exists(caFile));
        Assert.False(Directory.Exists(Path.GetDirectoryName(caFile)));
    }

    [Fact]
    public void Each_start_makes_a_new_CA()
    {
        using var first = SandboxCertificates.Create();
        using var second = SandboxCertificates.Create();

        Assert.NotEqual(first.Authority.Thumbprint, second.Authority.Thumbprint);
        Assert.NotEqual(first.CaFile, second.CaFile);
    }

    /// <summary>A chain policy that trusts only the CA in <paramref name="caFile"/>, as a client given that file does.</summary>
    internal static X509ChainPolicy TrustOnly(string caFile)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(caFile));
        return policy;
    }
}
