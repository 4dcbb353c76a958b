using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cdc.Sandbox.Kafka;

/// <summary>
/// A connection that a mock broker has accepted, held while the broker is set down so that its port cannot be lost.
/// </summary>
/// <remarks>
/// Why it exists: librdkafka's set-down (rdkafka_mock.c, <c>RD_KAFKA_MOCK_CMD_BROKER_SET_UPDOWN</c>) closes the
/// broker's listening socket and at once binds a new one to the same port, asserting that the bind succeeds. If the
/// broker has no open connection at that instant, the kernel has nothing bound to the port, and any socket on the
/// machine that asks for an automatic port (an outgoing connect(), a bind to port 0) can be given it; the bind then
/// fails with "Address already in use" and librdkafka aborts the whole process (seen once in a full suite on a loaded
/// machine). A connection the broker accepted shares the port's kernel binding with its listener, and the kernel never
/// hands out automatically a port that bind() holds, so while this connection is open nothing else can take the port.
/// The broker closes the connection itself when it goes down; <see cref="Dispose"/> only releases this side.
/// <para>
/// The connection proves it was accepted with one OffsetForLeaderEpoch v2 request for no topics: the mock consumes an
/// injected error of the request's own type, and <see cref="KafkaApiKey"/> offers none for OffsetForLeaderEpoch, so the
/// probe can never take an error that a test queued for its clients.
/// </para>
/// </remarks>
internal sealed class KafkaBrokerPortHold : IDisposable
{
    private const short OffsetForLeaderEpochApiKey = 23;
    private const short OffsetForLeaderEpochVersion = 2;
    private const int CorrelationId = 0x63646301;

    // size, ApiKey, ApiVersion, CorrelationId, ClientId (null), Topics (empty array).
    private const int RequestBodyLength = 2 + 2 + 4 + 2 + 4;

    private readonly Socket _socket;

    private KafkaBrokerPortHold(Socket socket) => _socket = socket;

    /// <summary>
    /// Connects to the broker at <paramref name="endpoint"/> and waits, up to <paramref name="answerTimeout"/>, for its
    /// answer. Returns null when the broker refuses the connection: it is down already, so a set-down changes nothing.
    /// </summary>
    /// <exception cref="KafkaMockException">The broker accepted but did not answer in time, or answered garbage.</exception>
    public static KafkaBrokerPortHold? Open(int brokerId, string endpoint, TimeSpan answerTimeout)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)answerTimeout.TotalMilliseconds,
            SendTimeout = (int)answerTimeout.TotalMilliseconds,
        };
        try
        {
            socket.Connect(ParseEndpoint(endpoint));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            if (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return null;
            }

            throw;
        }

        try
        {
            SendProbe(socket);
            ReadAnswer(socket, brokerId, endpoint, answerTimeout);
            return new KafkaBrokerPortHold(socket);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new KafkaMockException(
                $"Broker {brokerId} ({endpoint}) accepted a connection but did not answer a request within {answerTimeout.TotalSeconds:0} s ({e.SocketErrorCode}); it was not set down, because librdkafka aborts the process when a broker that has no connection loses its port while going down.",
                e);
        }
        catch (KafkaMockException)
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _socket.Dispose();

    private static IPEndPoint ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return new IPEndPoint(IPAddress.Parse(endpoint[..colon]), int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    private static void SendProbe(Socket socket)
    {
        Span<byte> request = stackalloc byte[4 + RequestBodyLength];
        BinaryPrimitives.WriteInt32BigEndian(request, RequestBodyLength);
        BinaryPrimitives.WriteInt16BigEndian(request[4..], OffsetForLeaderEpochApiKey);
        BinaryPrimitives.WriteInt16BigEndian(request[6..], OffsetForLeaderEpochVersion);
        BinaryPrimitives.WriteInt32BigEndian(request[8..], CorrelationId);
        BinaryPrimitives.WriteInt16BigEndian(request[12..], -1);
        BinaryPrimitives.WriteInt32BigEndian(request[14..], 0);
        var sent = 0;
        while (sent < request.Length)
        {
            sent += socket.Send(request[sent..]);
        }
    }

    private static void ReadAnswer(Socket socket, int brokerId, string endpoint, TimeSpan answerTimeout)
    {
        // The answer: size, CorrelationId, ThrottleTimeMs, Topics (empty array).
        Span<byte> answer = stackalloc byte[16];
        var read = 0;
        while (read < answer.Length)
        {
            var n = socket.Receive(answer[read..]);
            if (n == 0)
            {
                throw new KafkaMockException(
                    $"Broker {brokerId} ({endpoint}) closed a connection before answering (read {read} of {answer.Length} bytes within {answerTimeout.TotalSeconds:0} s); it was not set down.");
            }

            read += n;
        }

        if (BinaryPrimitives.ReadInt32BigEndian(answer) != 12 || BinaryPrimitives.ReadInt32BigEndian(answer[4..]) != CorrelationId)
        {
            throw new KafkaMockException(
                $"Broker {brokerId} ({endpoint}) answered an OffsetForLeaderEpoch request with {Convert.ToHexString(answer)}, not the expected empty answer; it was not set down.");
        }
    }
}
