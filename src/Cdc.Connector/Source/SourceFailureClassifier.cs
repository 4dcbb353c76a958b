using Cdc.Connector.Interop.Mongoc;

namespace Cdc.Connector.Source;

/// <summary>
/// What a change-stream failure that libmongoc did not resume by itself means for the connector. Decided by error
/// domain and code, never by message text. Anything not known to be permanent is <see cref="SourceFailureKind.Transient"/>:
/// reopening from the committed checkpoint with backoff is always safe, only possibly futile.
/// </summary>
internal static class SourceFailureClassifier
{
    // libmongoc's error domains (mongoc-error.h, error API version 2).
    private const uint ClientDomain = 1;
    private const uint ProtocolDomain = 3;
    private const uint CursorDomain = 4;
    private const uint SaslDomain = 7;
    private const uint BsonDomain = 8;
    private const uint CommandDomain = 11;
    private const uint ScramDomain = 14;
    private const uint ServerSelectionDomain = 15;

    public static SourceFailureKind Classify(MongoException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Domain == MongoErrors.ServerDomain ? ClassifyServerCode(error.Code) : ClassifyClientError(error.Domain, error.Code);
    }

    private static SourceFailureKind ClassifyServerCode(int code) => code switch
    {
        // ChangeStreamHistoryLost; CappedPositionLost (the oplog rolled over under a reader on older servers).
        286 or 136 => SourceFailureKind.HistoryLost,

        // InvalidResumeToken; ChangeStreamFatalError (token of another stream/namespace, or a stage removed _id).
        260 or 280 => SourceFailureKind.InvalidToken,

        // Credentials or privileges: retrying with the same ones cannot help.
        13 or 18 or 31 or 11 => SourceFailureKind.Fatal, // Unauthorized, AuthenticationFailed, RoleNotFound, UserNotFound

        // The deployment cannot run a change stream: standalone, a view, or a server without the command.
        40573 or 166 or 59 or 115 => SourceFailureKind.Fatal,

        // Our own pipeline or options are wrong (user pipeline, fullDocument mode, option combinations): the same
        // aggregate would fail the same way at every reopen.
        2 or 9 or 14 or 40324 or 40415 or 50865 or 40674 or 72 or 73 => SourceFailureKind.Fatal,

        // fullDocument / fullDocumentBeforeChange "required" and the image does not exist: every reopen hits it again.
        47 => SourceFailureKind.Fatal,

        _ => SourceFailureKind.Transient,
    };

    private static SourceFailureKind ClassifyClientError(uint domain, int code) => domain switch
    {
        SaslDomain or ScramDomain or BsonDomain => SourceFailureKind.Fatal,
        ClientDomain when code == 11 => SourceFailureKind.Fatal,             // MONGOC_ERROR_CLIENT_AUTHENTICATE
        ProtocolDomain when code == 15 => SourceFailureKind.Fatal,           // MONGOC_ERROR_PROTOCOL_BAD_WIRE_VERSION
        ServerSelectionDomain when code == 13052 => SourceFailureKind.Fatal, // ..._SERVER_SELECTION_BAD_WIRE_VERSION
        CommandDomain when code == 22 => SourceFailureKind.Fatal,            // MONGOC_ERROR_COMMAND_INVALID_ARG
        CursorDomain when code == 51 => SourceFailureKind.Fatal,             // MONGOC_ERROR_CHANGE_STREAM_NO_RESUME_TOKEN
        _ => SourceFailureKind.Transient,
    };
}
