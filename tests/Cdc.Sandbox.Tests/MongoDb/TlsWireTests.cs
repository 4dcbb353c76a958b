using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Cdc.Sandbox.MongoDb.Documents;
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
