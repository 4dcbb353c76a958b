using System.Net.Security;
using System.Net.Sockets;

namespace Cdc.Sandbox.Kafka;

/// <summary>The two sockets of one connection a <see cref="KafkaTlsRelay"/> carries, and the streams over them.</summary>
internal sealed class KafkaRelayedConnection(Socket client)
{
    private int _closed;

    /// <summary>The client's side, where TLS is spoken.</summary>
    public Socket Client { get; } = client;

    /// <summary>The broker's side, plaintext; null until the client's handshake is done.</summary>
    public Socket? Broker { get; set; }

    public SslStream? Tls { get; set; }

    public NetworkStream? Plain { get; set; }

    /// <summary>Completes when the relay has let go of both sides.</summary>
    public Task Finished { get; set; } = Task.CompletedTask;

    /// <summary>Closes both sides at once, so the copy still running in the other direction ends too.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        Tls?.Dispose();
        Plain?.Dispose();
        Client.Dispose();
        Broker?.Dispose();
    }
}
