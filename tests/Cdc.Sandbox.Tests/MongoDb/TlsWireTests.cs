using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Wire;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>The emulator with a TLS certificate: TLS clients that trust the CA are served, plaintext clients are cut off.</summary>
public sealed class TlsWireTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_TLS_client_trusting_the_test_CA_handshakes_and_authenticates()
    {
        using var certificates = TestCertificates.Create();
        await using var server = MongoServer.Start(AuthenticatedServer.Options(certificates.Server));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.Port);
        var validated = false;
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => validated = certificate is not null && certificates.IsIssuedByAuthority(certificate));
        using var timeout = new CancellationTokenSource(Deadline);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 }, timeout.Token);

        Assert.True(validated);
        var requestId = 0;
        async Task<Doc> Run(Doc command)
        {
            if (!command.Contains("$db"))
            {
                command.Add("$db", "admin");
            }

            await tls.WriteAsync(WireMessages.OpMsg(++requestId, command), timeout.Token);
            return WireMessages.ReplyBody(await ReadMessageAsync(tls, timeout.Token));
        }

        Assert.True((await Run(new Doc().Add("hello", 1)))["isWritablePrimary"]!.Boolean);
        var authenticated = await ScramTestClient.AuthenticateAsync(Run, "SCRAM-SHA-256", "reader", "reader-secret");
        Assert.Equal(1.0, authenticated["ok"]!.Double);
        var find = await Run(new Doc().Add("find", "orders").Add("$db", "shop").Add("filter", new Doc()));
        Assert.True(find["ok"]!.Double == 1.0, find.ToString());
    }

    [Fact]
    public async Task A_plaintext_client_is_disconnected_and_the_server_keeps_serving_TLS()
    {
        using var certificates = TestCertificates.Create();
        await using var server = MongoServer.Start(new MongoServerOptions { TlsCertificate = certificates.Server });

        using (var plaintext = new WireTestClient(server.Port))
        {
            plaintext.Send(WireMessages.OpMsg(1, WireMessages.Command("hello", 1, "admin")));
            Assert.True(await plaintext.IsClosedByServerAsync());
        }

        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.Port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => certificate is not null && certificates.IsIssuedByAuthority(certificate));
        using var timeout = new CancellationTokenSource(Deadline);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }, timeout.Token);
        await tls.WriteAsync(WireMessages.OpMsg(1, WireMessages.Command("ping", 1, "admin")), timeout.Token);
        Assert.Equal(1.0, WireMessages.ReplyBody(await ReadMessageAsync(tls, timeout.Token))["ok"]!.Double);
    }

    [Fact]
    public async Task A_client_certificate_issued_by_the_CA_authenticates_with_MONGODB_X509_as_its_external_user()
    {
        using var certificates = TestCertificates.Create();
        Assert.Equal(TestCertificates.ClientSubject, X509Authentication.SubjectName(certificates.Client.SubjectName));
        await using var server = MongoServer.Start(AuthenticatedServer.Options(certificates.Server) with
        {
            ClientCertificateAuthority = certificates.Authority,
            Users = [new MongoServerUser(TestCertificates.ClientSubject, "", [new RoleName("read", "shop")]) { Database = "$external" }],
        });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.Port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => certificate is not null && certificates.IsIssuedByAuthority(certificate));
        using var timeout = new CancellationTokenSource(Deadline);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", ClientCertificates = [certificates.Client] }, timeout.Token);
        var requestId = 0;
        async Task<Doc> Run(Doc command, string database)
        {
            command.Add("$db", database);
            await tls.WriteAsync(WireMessages.OpMsg(++requestId, command), timeout.Token);
            return WireMessages.ReplyBody(await ReadMessageAsync(tls, timeout.Token));
        }

        SecuredHarness.AssertError(await Run(new Doc().Add("find", "orders"), "shop"), 13);
        SecuredHarness.AssertError(await Run(new Doc().Add("authenticate", 1).Add("mechanism", "MONGODB-X509").Add("user", "CN=someone else"), "$external"), 18);
        var reply = await Run(new Doc().Add("authenticate", 1).Add("mechanism", "MONGODB-X509"), "$external");

        Assert.True(reply["ok"]!.Double == 1.0, reply.ToString());
        Assert.Equal(TestCertificates.ClientSubject, reply["user"]!.String);
        Assert.Equal(1.0, (await Run(new Doc().Add("find", "orders"), "shop"))["ok"]!.Double);
        SecuredHarness.AssertError(await Run(new Doc().Add("insert", "orders").Add("documents", DocValue.FromArray([DocValue.FromDocument(new Doc().Add("_id", 1))])), "shop"), 13);
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_disconnected_when_client_certificates_are_required()
    {
        using var certificates = TestCertificates.Create();
        await using var server = MongoServer.Start(new MongoServerOptions { TlsCertificate = certificates.Server, ClientCertificateAuthority = certificates.Authority });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.Port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => certificate is not null && certificates.IsIssuedByAuthority(certificate));
        using var timeout = new CancellationTokenSource(Deadline);

        // TLS 1.3 may finish the client's side of the handshake before the server rejects it; the refusal then shows
        // as the connection closing on the first exchange.
        var refused = false;
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }, timeout.Token);
            await tls.WriteAsync(WireMessages.OpMsg(1, WireMessages.Command("ping", 1, "admin")), timeout.Token);
            var header = new byte[WireLimits.HeaderLength];
            refused = await tls.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, timeout.Token) < header.Length;
        }
        catch (Exception error) when (error is AuthenticationException or IOException)
        {
            refused = true;
        }

        Assert.True(refused);
    }

    private static async Task<byte[]> ReadMessageAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[WireLimits.HeaderLength];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var message = new byte[BinaryPrimitives.ReadInt32LittleEndian(header)];
        header.CopyTo(message, 0);
        await stream.ReadExactlyAsync(message.AsMemory(WireLimits.HeaderLength), cancellationToken);
        return message;
    }
}
