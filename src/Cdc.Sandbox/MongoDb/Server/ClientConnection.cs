using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.FailPoints;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Sandbox.MongoDb.Wire;
using Microsoft.Extensions.Logging;

namespace Cdc.Sandbox.MongoDb.Server;

/// <summary>
/// One client connection: reads framed messages one after another and answers each in order. A protocol error is
/// answered with an error reply naming the problem, then the connection is closed (the stream can no longer be
/// trusted to be framed); the server itself is unaffected.
/// </summary>
internal sealed class ClientConnection
{
    private readonly TcpClient _client;
    private readonly CommandDispatcher _dispatcher;
    private readonly ILogger _logger;
    private readonly X509Certificate2? _tlsCertificate;
    private readonly X509Certificate2? _clientAuthority;
    private readonly SecurityState? _security;
    private readonly ReplyEncoder _replies = new();
    private int _lastRequestId;

    /// <summary>A TLS handshake that has not completed by then is abandoned, so a silent client cannot hold a connection slot.</summary>
    private static readonly TimeSpan TlsHandshakeTimeout = TimeSpan.FromSeconds(30);

    public ClientConnection(TcpClient client, int id, CommandDispatcher dispatcher, ILogger logger, X509Certificate2? tlsCertificate = null, X509Certificate2? clientAuthority = null, SecurityState? security = null)
    {
        _tlsCertificate = tlsCertificate;
        _clientAuthority = clientAuthority;
        _security = security;
        _client = client;
        Id = id;
        _dispatcher = dispatcher;
        _logger = logger;
    }

    public int Id { get; }

    public void Close() => _client.Dispose();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Stream stream = _client.GetStream();
        var header = new byte[WireLimits.HeaderLength];
        try
        {
            if (_tlsCertificate is not null)
            {
                stream = await AuthenticateTlsAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                if (!await ReadFullyAsync(stream, header, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                MessageHeader parsedHeader;
                try
                {
                    parsedHeader = MessageHeader.Read(header);
                }
                catch (WireProtocolException error)
                {
                    await SendProtocolErrorAsync(stream, BitConverter.ToInt32(header, 4), error, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var message = ArrayPool<byte>.Shared.Rent(parsedHeader.MessageLength);
                try
                {
                    header.CopyTo(message, 0);
                    if (!await ReadFullyAsync(stream, message.AsMemory(WireLimits.HeaderLength, parsedHeader.MessageLength - WireLimits.HeaderLength), cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    var reply = await HandleAsync(parsedHeader, message.AsMemory(0, parsedHeader.MessageLength), cancellationToken).ConfigureAwait(false);
                    if (reply is { } encoded)
                    {
                        await stream.WriteAsync(encoded, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (WireProtocolException error)
                {
                    await SendProtocolErrorAsync(stream, parsedHeader.RequestId, error, cancellationToken).ConfigureAwait(false);
                    return;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(message);
                }
            }
        }
        catch (ConnectionCloseRequestedException)
        {
            // failCommand's closeConnection: the socket closes without a reply (closed by the caller's dispose).
            _client.Client.Close(0);
        }
        catch (AuthenticationException error)
        {
            // A plaintext client (or one that distrusts the certificate) fails the handshake; the connection closes.
            MongoServerLog.TlsHandshakeFailed(_logger, Id, error.Message);
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is shutting down: nothing to answer.
        }
        finally
        {
            if (stream is SslStream tls)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
            }

            _dispatcher.ForgetConnection(Id);
        }
    }

    private async ValueTask<ReadOnlyMemory<byte>?> HandleAsync(MessageHeader header, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        switch ((WireOpCode)header.OpCode)
        {
            case WireOpCode.Msg:
                {
                    var request = OpMsgParser.Parse(message.Span);
                    var reply = await _dispatcher.ExecuteAsync(request.Command, null, Id, cancellationToken).ConfigureAwait(false);
                    return request.MoreToCome ? null : (ReadOnlyMemory<byte>?)_replies.EncodeOpMsg(NextRequestId(), header.RequestId, reply, request.ChecksumPresent);
                }

            case WireOpCode.Query:
                {
                    var request = OpQueryParser.Parse(message.Span);
                    // The handshake's commands: hello, and the authentication that follows it before the connection's
                    // wire version is settled (the .NET driver sends saslStart/saslContinue, and authenticate for X.509, as
                    // OP_QUERY there), which servers without OP_QUERY for other commands still take.
                    var reply = request.IsCommand && request.Query.Count > 0
                        && request.Query.Fields[0].Key is "hello" or "isMaster" or "ismaster" or "saslStart" or "saslContinue" or "authenticate"
                        ? await _dispatcher.ExecuteAsync(request.Query, request.Database, Id, cancellationToken).ConfigureAwait(false)
                        : new CommandException(
                            ErrorCodes.UnsupportedOpQueryCommand,
                            $"Unsupported OP_QUERY command: {(request.Query.Count > 0 ? request.Query.Fields[0].Key : "(empty)")} on {request.FullCollectionName}. OP_QUERY is only for the handshake (hello/isMaster and authentication); use OP_MSG.").ToReply();
                    return _replies.EncodeOpReply(NextRequestId(), header.RequestId, reply);
                }

            case WireOpCode.Compressed:
                throw new WireProtocolException("OP_COMPRESSED is not supported: the cdc sandbox advertises no compressors in hello, so a client must not compress.");
            default:
                throw new WireProtocolException($"opCode {header.OpCode} is not supported (the sandbox speaks OP_MSG {(int)WireOpCode.Msg}, and OP_QUERY {(int)WireOpCode.Query} for the handshake).");
        }
    }

    /// <summary>
    /// TLS 1.2/1.3 with the configured server certificate. With a client CA the client must present a certificate
    /// issued by it, whose subject MONGODB-X509 then authenticates as; otherwise no client certificate is requested.
    /// </summary>
    private async Task<Stream> AuthenticateTlsAsync(Stream plain, CancellationToken cancellationToken)
    {
        var tls = new SslStream(plain, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TlsHandshakeTimeout);
        try
        {
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _tlsCertificate,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ClientCertificateRequired = _clientAuthority is not null,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => _clientAuthority is null || (certificate is not null && IsIssuedBy(certificate, _clientAuthority)),
                },
                timeout.Token).ConfigureAwait(false);
            if (_clientAuthority is not null && tls.RemoteCertificate is { } clientCertificate && _security is not null)
            {
                using var verified = X509CertificateLoader.LoadCertificate(clientCertificate.GetRawCertData());
                _security.Connection(Id).ClientCertificateSubject = X509Authentication.SubjectName(verified.SubjectName);
            }
        }
        catch (Exception error) when (error is IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new AuthenticationException($"TLS handshake did not complete: {error.Message}", error);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return tls;
    }

    /// <summary>Whether a client certificate chains to the configured CA alone (the machine's trust store plays no part).</summary>
    private static bool IsIssuedBy(X509Certificate certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(presented);
    }

    private async Task SendProtocolErrorAsync(Stream stream, int responseTo, WireProtocolException error, CancellationToken cancellationToken)
    {
        MongoServerLog.ProtocolError(_logger, Id, error.Message);
        var reply = new Doc().Add("ok", 0.0).Add("errmsg", error.Message).Add("code", ErrorCodes.ProtocolError).Add("codeName", ErrorCodes.Name(ErrorCodes.ProtocolError));
        try
        {
            await stream.WriteAsync(_replies.EncodeOpMsg(NextRequestId(), responseTo, reply, withChecksum: false), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The peer may already be gone; the connection closes either way.
        }
    }

    private int NextRequestId() => Interlocked.Increment(ref _lastRequestId);

    private static async ValueTask<bool> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await stream.ReadAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }
}
