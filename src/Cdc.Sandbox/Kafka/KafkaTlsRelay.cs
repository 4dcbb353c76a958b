using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Cdc.Sandbox.Kafka;

/// <summary>
/// A TLS-terminating relay in front of one mock broker, which speaks plaintext only: it listens on 127.0.0.1 (a port
/// the system picks), accepts TLS with the sandbox's server certificate, opens a plaintext connection to the broker's
/// own port and copies bytes both ways. When either side closes or fails, the other is closed too, so a client sees a
/// broker going down (or a <c>_TRANSPORT</c> error) as it would without the relay.
/// </summary>
internal sealed class KafkaTlsRelay : IAsyncDisposable
{
    /// <summary>A client that opens a connection but never finishes the TLS handshake must not hold it forever.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly IPEndPoint _broker;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, KafkaRelayedConnection> _connections = new();
    private readonly Task _accepting;
    private int _nextConnectionId;
    private int _disposed;

    private KafkaTlsRelay(int brokerId, TcpListener listener, X509Certificate2 certificate, IPEndPoint broker)
    {
        BrokerId = brokerId;
        _listener = listener;
        _certificate = certificate;
        _broker = broker;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int BrokerId { get; }

    /// <summary>The relay's own port on 127.0.0.1: what the broker advertises once the relay is in front of it.</summary>
    public int Port { get; }

    public string Endpoint => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Connections open now (both sides), for tests that check a closed side closes the other.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Starts listening for the broker at <paramref name="brokerEndpoint"/> ("127.0.0.1:port").</summary>
    public static KafkaTlsRelay Start(int brokerId, string brokerEndpoint, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The Kafka TLS relay's server certificate has no private key; give the certificate with its key.", nameof(certificate));
        }

        var broker = IPEndPoint.Parse(brokerEndpoint);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new KafkaTlsRelay(brokerId, listener, certificate, broker);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        foreach (var connection in _connections.Values)
        {
            connection.Close();
        }

        await Task.WhenAll(_connections.Values.Select(c => c.Finished)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before it was accepted: nothing to relay; keep listening.
                continue;
            }

            var id = Interlocked.Increment(ref _nextConnectionId);
            var connection = new KafkaRelayedConnection(client);
            _connections[id] = connection;
            connection.Finished = RelayAsync(connection).ContinueWith(
                _ => _connections.TryRemove(id, out var _),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task RelayAsync(KafkaRelayedConnection connection)
    {
        // Off the accept loop: one slow handshake must not hold up the next client.
        await Task.Yield();
        try
        {
            var tls = new SslStream(new NetworkStream(connection.Client, ownsSocket: false), leaveInnerStreamOpen: false);
            connection.Tls = tls;
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                handshake.CancelAfter(HandshakeTimeout);
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificate = _certificate,
                        ClientCertificateRequired = false,
                        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    },
                    handshake.Token).ConfigureAwait(false);
            }

            var broker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            connection.Broker = broker;
            await broker.ConnectAsync(_broker, _stopping.Token).ConfigureAwait(false);
            var plain = new NetworkStream(broker, ownsSocket: false);
            connection.Plain = plain;

            var toBroker = tls.CopyToAsync(plain, _stopping.Token);
            var toClient = plain.CopyToAsync(tls, _stopping.Token);
            await Task.WhenAny(toBroker, toClient).ConfigureAwait(false);

            // One direction ended: closing both sides ends the other copy, whose failure is then expected, not news.
            connection.Close();
            await Task.WhenAll(toBroker, toClient).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            // A plaintext client, a refused TLS handshake, a broker that is down or a side that dropped: the relay's
            // answer to each is to close both sides, which is what the other end then sees.
        }
        finally
        {
            connection.Close();
        }
    }
}
