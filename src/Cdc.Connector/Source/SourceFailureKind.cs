namespace Cdc.Connector.Source;

internal enum SourceFailureKind
{
    /// <summary>Network, election, cursor killed…: reopen from the committed checkpoint after a backoff.</summary>
    Transient,

    /// <summary>286 ChangeStreamHistoryLost (and 136 CappedPositionLost): the position left the oplog; mongodb.onHistoryLost decides.</summary>
    HistoryLost,

    /// <summary>260 InvalidResumeToken, 280 ChangeStreamFatalError: the token cannot be resumed; mongodb.onHistoryLost decides.</summary>
    InvalidToken,

    /// <summary>Authentication, authorization, unsupported topology or pipeline: retrying cannot help; stop with the error.</summary>
    Fatal,
}
