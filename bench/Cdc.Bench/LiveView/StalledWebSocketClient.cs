using System.Net.WebSockets;

namespace Cdc.Bench.LiveView;

/// <summary>A client of the live view's WebSocket that connects and then never reads: the worst browser a connector can have.</summary>
internal sealed class StalledWebSocketClient : IDisposable
{
    private readonly ClientWebSocket _socket;

    private StalledWebSocketClient(ClientWebSocket socket) => _socket = socket;

    public static async Task<IDisposable> ConnectAsync(int port)
    {
        var socket = new ClientWebSocket();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/changes"), timeout.Token).ConfigureAwait(false);
            return new StalledWebSocketClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }
}
