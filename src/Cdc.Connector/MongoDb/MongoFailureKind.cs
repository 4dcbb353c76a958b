namespace Cdc.Connector.MongoDb;

/// <summary>
/// What a MongoDB failure means, in the connector's words; decided once, where the driver's exception is caught
/// (<see cref="MongoFailureTranslator"/>). Everything downstream (restart policy, metrics, the line `run` logs, the fix
/// `check` prints) switches on this, never on the driver's exception types or the server's codes.
/// </summary>
internal enum MongoFailureKind
{
    /// <summary>Network, election, cursor killed, a server shutting down…: reopening from the committed position is safe.</summary>
    Transient,

    /// <summary>No server could be selected in time, or no connection could be made: reopening is safe and may succeed later.</summary>
    Unreachable,

    /// <summary>286 ChangeStreamHistoryLost, 136 CappedPositionLost: the position left the oplog; mongodb.onHistoryLost decides.</summary>
    HistoryLost,

    /// <summary>260 InvalidResumeToken, 280 ChangeStreamFatalError: the token cannot be resumed here; mongodb.onHistoryLost decides.</summary>
    InvalidToken,

    /// <summary>The server refused the credentials (18 AuthenticationFailed, a SASL/SCRAM/X.509 failure).</summary>
    Authentication,

    /// <summary>The user lacks a privilege (13 Unauthorized, 11 UserNotFound, 31 RoleNotFound).</summary>
    Unauthorized,

    /// <summary>The deployment cannot run this change stream: a standalone server, a view, a server too old.</summary>
    UnsupportedDeployment,

    /// <summary>The server refused the stream's own pipeline or options: the same request fails the same way every time.</summary>
    RejectedRequest,

    /// <summary>47 NoMatchingDocument: fullDocument or fullDocumentBeforeChange is required and the image does not exist.</summary>
    ImageMissing,

    /// <summary>
    /// 10334 BSONObjectTooLarge: a change event over MongoDB's 16 MB limit, which the server cannot return; reopening from
    /// the committed position meets the same event again.
    /// </summary>
    EventTooLarge,

    /// <summary>The client settings cannot work (a bad URI option, TLS settings, an incompatible driver or server wire version).</summary>
    ClientConfiguration,
}
