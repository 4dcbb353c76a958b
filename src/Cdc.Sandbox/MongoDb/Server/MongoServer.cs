using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Query;
using Cdc.Sandbox.MongoDb.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Sandbox.MongoDb.Server;

/// <summary>
/// The MongoDB emulator: a single-node replica set listening on 127.0.0.1. Each connection runs its own async loop;
/// disposing stops accepting, closes every connection and waits for their loops to end.
/// </summary>
internal sealed class MongoServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CommandDispatcher _dispatcher;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<int, (ClientConnection Connection, Task Loop)> _connections = new();
    private readonly Task _acceptLoop;
    private int _disposed;

    private MongoServer(MongoServerOptions options, ILogger logger)
    {
        _logger = logger;
        _listener = new TcpListener(IPAddress.Loopback, options.Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var identity = new ReplicaSetIdentity(options.ReplicaSetName, $"127.0.0.1:{Port}", ObjectIdGenerator.Next());
        State = new ServerState(options, identity);
        _dispatcher = CommandDispatcher.CreateDefault(State);
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>The seed "127.0.0.1:port" that hello reports as hosts/me/primary.</summary>
    public string Host => State.Identity.Host;

    public string ConnectionString => $"mongodb://{Host}/?replicaSet={Uri.EscapeDataString(State.Identity.SetName)}";

    /// <summary>Whether connections must speak TLS (MongoServerOptions.TlsCertificate is set); clients then need tls=true.</summary>
    public bool RequiresTls => State.Options.TlsCertificate is not null;

    public ServerState State { get; }

    public Catalog Catalog => State.Catalog;

    public int ConnectionCount => _connections.Count;

    public static MongoServer Start(MongoServerOptions? options = null, ILogger? logger = null) =>
        new(options ?? new MongoServerOptions(), logger ?? NullLogger.Instance);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var (connection, _) in _connections.Values)
        {
            connection.Close();
        }

        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values.Select(entry => entry.Loop)).ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_shutdown.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_connections.Count >= State.Options.MaxConnections)
            {
                MongoServerLog.TooManyConnections(_logger, State.Options.MaxConnections);
                client.Dispose();
                continue;
            }

            client.NoDelay = true;
            var connection = new ClientConnection(client, State.NextConnectionId(), _dispatcher, _logger, State.Options.TlsCertificate, State.Options.ClientCertificateAuthority, State.Security);
            var loop = RunConnectionAsync(connection);
            _connections[connection.Id] = (connection, loop);
        }
    }

    private async Task RunConnectionAsync(ClientConnection connection)
    {
        await Task.Yield();
        try
        {
            await connection.RunAsync(_shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A bug in one command must not take the server down; the client sees its connection close.
            MongoServerLog.ConnectionFailed(_logger, error, connection.Id);
        }
        finally
        {
            connection.Close();
            _connections.TryRemove(connection.Id, out _);
        }
    }
}
