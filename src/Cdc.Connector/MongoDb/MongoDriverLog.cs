using System.Globalization;
using System.Net;
using Cdc.Connector.Configuration;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;
using MongoDB.Driver.Core.Configuration;
using MongoDB.Driver.Core.Events;
using MongoDB.Driver.Core.Servers;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// The MongoDB driver's view of the deployment, in the connector's log (event ids 1200–1219, category
/// <c>Cdc.Connector.MongoDb.MongoDriverLog</c>): servers becoming unreachable or usable again, failed change-stream
/// commands (the driver then resumes once by itself), cleared connection pools, failed server selections, and URI
/// options the driver does not know. Subscribed through the driver's event API when a client is made
/// (<see cref="MongoClientFactory"/>); every text passes <see cref="SecretRedactor.RedactText"/>.
/// </summary>
internal static partial class MongoDriverLog
{
    public const string Category = "Cdc.Connector.MongoDb.MongoDriverLog";

    public static void Subscribe(ClusterBuilder builder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(logger);
        builder.Subscribe<ServerDescriptionChangedEvent>(changed => ServerChanged(logger, changed));
        builder.Subscribe<CommandFailedEvent>(failed => CommandFailed(logger, failed));
        builder.Subscribe<ConnectionPoolClearedEvent>(cleared => PoolClearedEvent(logger, cleared));
        builder.Subscribe<ClusterSelectingServerFailedEvent>(failed => SelectionFailedEvent(logger, failed));
    }

    internal static string EndPointText(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "?",
    };

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "mongodb.uri option '{Option}' is not known to the MongoDB driver and is ignored; check its spelling against the connection string documentation")]
    public static partial void UnknownUriOption(ILogger logger, string option);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "MongoDB server {EndPoint} is not reachable: {Reason}")]
    public static partial void ServerUnreachable(ILogger logger, string endPoint, string reason);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "MongoDB server {EndPoint} is {ServerType}{ReplicaSet}")]
    public static partial void ServerUsable(ILogger logger, string endPoint, string serverType, string replicaSet);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "MongoDB {Command} on {EndPoint} failed after {DurationMs} ms: {Reason}; the driver resumes the change stream once, then the connector reopens it from its committed position")]
    public static partial void ChangeStreamCommandFailed(ILogger logger, string command, string endPoint, long durationMs, string reason);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "MongoDB {Command} on {EndPoint} failed after {DurationMs} ms: {Reason}")]
    public static partial void CommandFailedDebug(ILogger logger, string command, string endPoint, long durationMs, string reason);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "MongoDB connection pool for {EndPoint} cleared: its connections are replaced")]
    public static partial void PoolCleared(ILogger logger, string endPoint);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Debug, Message = "No MongoDB server could be selected for {Operation}: {Reason}")]
    public static partial void SelectionFailed(ILogger logger, string operation, string reason);

    private static void PoolClearedEvent(ILogger logger, ConnectionPoolClearedEvent cleared)
    {
        var endPoint = EndPointText(cleared.ServerId.EndPoint);
        PoolCleared(logger, endPoint);
    }

    private static void SelectionFailedEvent(ILogger logger, ClusterSelectingServerFailedEvent failed)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var reason = Redacted(failed.Exception.Message);
            SelectionFailed(logger, failed.OperationName ?? "an operation", reason);
        }
    }

    private static void ServerChanged(ILogger logger, ServerDescriptionChangedEvent changed)
    {
        var before = changed.OldDescription;
        var after = changed.NewDescription;
        var endPoint = EndPointText(after.EndPoint);
        if (after.HeartbeatException is { } failure && (before.HeartbeatException is null || before.Type != ServerType.Unknown))
        {
            var reason = Redacted(Innermost(failure).Message);
            var meaning = ServerSelectionDiagnosis.Meaning(failure);
            ServerUnreachable(logger, endPoint, meaning is null ? reason : $"{reason} — {meaning}");
        }
        else if (after.Type != ServerType.Unknown && after.Type != before.Type)
        {
            // The set's own name: when mongodb.uri's replicaSet differs, the driver drops the server next, and this line
            // is where the operator reads the name to use.
            var serverType = after.Type.ToString();
            var replicaSet = after.ReplicaSetConfig?.Name is { } name ? $" of replica set '{name}'" : string.Empty;
            ServerUsable(logger, endPoint, serverType, replicaSet);
        }
    }

    private static void CommandFailed(ILogger logger, CommandFailedEvent failed)
    {
        var endPoint = EndPointText(failed.ConnectionId.ServerId.EndPoint);
        var durationMs = (long)failed.Duration.TotalMilliseconds;
        var reason = Reason(failed.Failure);

        // A getMore cancelled by the connector itself (a stop) is not a failure of the server's: no warning for it.
        if (failed.CommandName is "getMore" or "aggregate" && !IsCancellation(failed.Failure))
        {
            ChangeStreamCommandFailed(logger, failed.CommandName, endPoint, durationMs, reason);
        }
        else if (logger.IsEnabled(LogLevel.Debug))
        {
            CommandFailedDebug(logger, failed.CommandName, endPoint, durationMs, reason);
        }
    }

    /// <summary>
    /// The server's own words for a failed reply: the driver's event carries only "getMore command failed", the
    /// reply's errmsg, code name and code are in the exception's result.
    /// </summary>
    private static string Reason(Exception failure) => failure is MongoCommandException command
        ? command.CodeName is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Redacted(command.ErrorMessage ?? command.Message)} (code {command.Code})")
            : string.Create(CultureInfo.InvariantCulture, $"{Redacted(command.ErrorMessage ?? command.Message)} ({command.CodeName}, code {command.Code})")
        : Redacted(failure.Message);

    private static bool IsCancellation(Exception failure)
    {
        for (Exception? error = failure; error is not null; error = error.InnerException)
        {
            if (error is OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }

    private static string Redacted(string text) => SecretRedactor.RedactText(text.TrimEnd('.'));

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is { } inner)
        {
            error = inner;
        }

        return error;
    }
}
