using Microsoft.Extensions.Logging;

namespace Cdc.Sandbox.MongoDb.Server;

/// <summary>The emulator's log messages (source-generated, so logging costs nothing when disabled).</summary>
internal static partial class MongoServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "MongoDB sandbox connection {ConnectionId}: protocol error, closing: {Problem}")]
    public static partial void ProtocolError(ILogger logger, int connectionId, string problem);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "MongoDB sandbox: refusing a connection, {Max} are open already")]
    public static partial void TooManyConnections(ILogger logger, int max);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "MongoDB sandbox connection {ConnectionId} failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception error, int connectionId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "MongoDB sandbox connection {ConnectionId}: TLS handshake failed, closing (is the client connecting without tls=true?): {Problem}")]
    public static partial void TlsHandshakeFailed(ILogger logger, int connectionId, string problem);
}
