using System.Buffers.Binary;
using System.Net.Sockets;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Wire;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>A raw TCP client speaking bytes to the emulator, every read bounded by a timeout.</summary>
internal sealed class WireTestClient : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    public WireTestClient(int port)
    {
        _client = new TcpClient();
        _client.Connect("127.0.0.1", port);
        _stream = _client.GetStream();
    }

    public void Send(byte[] message) => _stream.Write(message);

    public async Task<byte[]?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var header = new byte[WireLimits.HeaderLength];
        if (!await ReadFullyAsync(header, timeout.Token))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var message = new byte[length];
        header.CopyTo(message, 0);
        return await ReadFullyAsync(message.AsMemory(WireLimits.HeaderLength), timeout.Token) ? message : null;
    }

    public async Task<Doc> RoundTripAsync(byte[] message)
    {
        Send(message);
        var reply = await ReceiveAsync() ?? throw new InvalidOperationException("The server closed the connection instead of replying.");
        return WireMessages.ReplyBody(reply);
    }

    /// <summary>True when the server has closed the connection (a read returns end of stream).</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        try
        {
            return await _stream.ReadAsync(new byte[1], timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<bool> ReadFullyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await _stream.ReadAsync(buffer[read..], cancellationToken);
            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }
}
