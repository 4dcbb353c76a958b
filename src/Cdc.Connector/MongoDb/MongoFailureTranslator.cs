using Cdc.Connector.Configuration;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// The one place where the MongoDB driver's exceptions and the server's error codes are read: each is translated once,
/// where it is caught, into a <see cref="MongoFailureException"/> whose <see cref="MongoFailureKind"/> the rest of the
/// connector decides on (as the driver's own RetryabilityHelper decides resumability in one place). Anything not known
/// to be permanent is <see cref="MongoFailureKind.Transient"/>: reopening from the committed position is always safe,
/// only possibly futile.
/// </summary>
internal static class MongoFailureTranslator
{
    /// <summary>
    /// Translates <paramref name="error"/>, thrown while <paramref name="operation"/> ran ("Opening the change stream on
    /// collection shop.orders"); <paramref name="cluster"/>, when given, turns a server-selection timeout into one line
    /// naming each server, why it was not usable and what that usually means; <paramref name="settings"/>, when given, adds
    /// the hosts of mongodb.uri the cluster's view dropped. Cancellation is not a failure and a refused mongodb.uri is a
    /// configuration error: both are returned untranslated.
    /// </summary>
    public static Exception Translate(Exception error, string operation, ClusterDescription? cluster = null, MongoClientSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(operation);
        return error switch
        {
            // A mongodb.uri the client factory refused (made lazily, at the first use) is already the connector's own
            // error: it names the key and hides the password, and it stops the connector rather than being retried.
            OperationCanceledException or MongoFailureException or ConfigurationException => error,
            TimeoutException timeout => new MongoFailureException(MongoFailureKind.Unreachable, operation, Unreachable(timeout, cluster, settings), null, null, error),
            MongoAuthenticationException => Failure(MongoFailureKind.Authentication, operation, error, null, null),
            MongoCommandException command => Failure(KindOf(command.Code), operation, error, command.Code, command.CodeName),
            MongoWriteException { WriteError: { } write } => Failure(KindOf(write.Code), operation, error, write.Code, null),

            // Only the write concern failed (w:majority not satisfied in time, a primary stepping down): no write error.
            MongoWriteException { WriteConcernError: { } concern } => Failure(KindOf(concern.Code), operation, error, concern.Code, concern.CodeName),
            MongoExecutionTimeoutException => Failure(MongoFailureKind.Transient, operation, error, 50, "MaxTimeMSExpired"),
            MongoConnectionException => Failure(ConnectionFailureKind(error), operation, error, null, null),

            // Subtypes of the client exception that a later attempt gets past: a paused pool (a server marked unknown) or
            // a full wait queue.
            MongoConnectionPoolPausedException or MongoWaitQueueFullException => Failure(MongoFailureKind.Transient, operation, error, null, null),
            MongoConfigurationException or MongoIncompatibleDriverException => Failure(MongoFailureKind.ClientConfiguration, operation, error, null, null),

            // What else the driver refuses on the client side is deterministic: the change stream's missing resume token
            // (a stage of mongodb.pipeline removed _id), an option the server version cannot take.
            MongoClientException => Failure(MongoFailureKind.RejectedRequest, operation, error, null, null),
            _ => Failure(MongoFailureKind.Transient, operation, error, null, null),
        };
    }

    /// <summary>The server's error codes that mean something other than "try again".</summary>
    internal static MongoFailureKind KindOf(int code) => code switch
    {
        // ChangeStreamHistoryLost; CappedPositionLost (the oplog rolled over under a reader on older servers).
        286 or 136 => MongoFailureKind.HistoryLost,

        // InvalidResumeToken; ChangeStreamFatalError (a token of another stream or namespace, or a stage modified _id).
        260 or 280 => MongoFailureKind.InvalidToken,

        // AuthenticationFailed.
        18 => MongoFailureKind.Authentication,

        // Unauthorized, UserNotFound, RoleNotFound: retrying with the same user cannot help.
        13 or 11 or 31 => MongoFailureKind.Unauthorized,

        // A standalone (40573), a view (166), a command the server lacks (59), an unsupported operation (115).
        40573 or 166 or 59 or 115 => MongoFailureKind.UnsupportedDeployment,

        // The stream's pipeline or options: BadValue, FailedToParse, TypeMismatch, unknown stage or field, stage not
        // allowed in a change stream, InvalidOptions, InvalidNamespace. The same aggregate fails the same way every time.
        2 or 9 or 14 or 40324 or 40415 or 50865 or 40674 or 72 or 73 => MongoFailureKind.RejectedRequest,

        // NoMatchingDocument: a required pre- or post-image does not exist; every reopen hits it again.
        47 => MongoFailureKind.ImageMissing,

        // BSONObjectTooLarge: an event over 16 MB (its images and update description together); every reopen from the
        // committed position reads up to the same event and fails on it again.
        10334 => MongoFailureKind.EventTooLarge,

        _ => MongoFailureKind.Transient,
    };

    /// <summary>
    /// A connection that could not be opened because the handshake's authentication failed, or because the driver
    /// cannot authenticate this way at all (a mechanism whose package or native library is missing), is not a network
    /// failure: reopening would fail the same way.
    /// </summary>
    private static MongoFailureKind ConnectionFailureKind(Exception error)
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case MongoAuthenticationException:
                    return MongoFailureKind.Authentication;
                case MongoConnectionPoolPausedException or MongoWaitQueueFullException:
                    return MongoFailureKind.Transient;
                case MongoConfigurationException or NotSupportedException or MongoClientException:
                    return MongoFailureKind.ClientConfiguration;
            }
        }

        return MongoFailureKind.Transient;
    }

    private static MongoFailureException Failure(MongoFailureKind kind, string operation, Exception error, int? code, string? codeName)
    {
        var text = SecretRedactor.RedactText(error.Message.TrimEnd('.'));
        var codeText = code is null ? string.Empty : codeName is null ? $" (code {code})" : $" ({codeName}, code {code})";
        return new MongoFailureException(kind, operation, text + codeText, code, codeName, error);
    }

    /// <summary>
    /// "no MongoDB server was usable after 30000 ms: 127.0.0.1:27017 (Connection refused — nothing listens there: …)"
    /// rather than the driver's whole cluster description with stack traces: each host, what the driver saw of it, and
    /// what that usually means (<see cref="ServerSelectionDiagnosis"/>).
    /// </summary>
    private static string Unreachable(TimeoutException timeout, ClusterDescription? cluster, MongoClientSettings? settings)
    {
        var waited = WaitedText(timeout.Message);
        var servers = cluster is null ? null : ServerSelectionDiagnosis.Describe(cluster, settings);
        if (servers is null)
        {
            return waited is null ? SecretRedactor.RedactText(timeout.Message) : $"no MongoDB server was usable {waited}";
        }

        return $"no MongoDB server was usable {waited ?? "in time"}: {servers}";
    }

    /// <summary>"after 30000 ms" from the driver's "A timeout occurred after 30000ms selecting a server …" (display only).</summary>
    private static string? WaitedText(string message)
    {
        const string Prefix = "A timeout occurred after ";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = message.IndexOf("ms", Prefix.Length, StringComparison.Ordinal);
        return end < 0 ? null : $"after {message[Prefix.Length..end]} ms";
    }
}
