namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>MongoDB's server error codes (src/mongo/base/error_codes.yml) that the sandbox returns, with their names.</summary>
internal static class ErrorCodes
{
    public const int BadValue = 2;
    public const int FailedToParse = 9;
    public const int TypeMismatch = 14;
    public const int IllegalOperation = 20;
    public const int NamespaceNotFound = 26;
    public const int PathNotViable = 28;
    public const int ConflictingUpdateOperators = 40;
    public const int CursorNotFound = 43;
    public const int NamespaceExists = 48;
    public const int CommandNotFound = 59;
    public const int ImmutableField = 66;
    public const int InvalidOptions = 72;
    public const int IndexNotFound = 27;
    public const int CannotCreateIndex = 67;
    public const int IndexOptionsConflict = 85;
    public const int IndexKeySpecsConflict = 86;
    public const int AmbiguousIndexKeyPattern = 181;
    public const int InvalidNamespace = 73;
    public const int CommandNotSupported = 115;
    public const int UnsupportedOpQueryCommand = 352;
    public const int Unauthorized = 13;
    public const int ProtocolError = 17;
    public const int InternalError = 1;
    public const int InvalidLength = 16;
    public const int InvalidIdField = 53;
    public const int DuplicateKey = 11000;
    public const int BSONObjectTooLarge = 10334;
    public const int UnrecognizedPipelineStage = 40324;
    public const int InvalidPipelineOperator = 168;
    public const int NoMatchingDocument = 47;
    public const int InvalidResumeToken = 260;
    public const int ChangeStreamFatalError = 280;
    public const int ChangeStreamHistoryLost = 286;
    public const int HostUnreachable = 6;
    public const int ConflictingOperationInProgress = 117;
    public const int TransactionTooOld = 225;
    public const int TransactionCommitted = 256;
    public const int OperationNotSupportedInTransaction = 263;
    public const int HostNotFound = 7;
    public const int MaxTimeMSExpired = 50;
    public const int NetworkTimeout = 89;
    public const int ShutdownInProgress = 91;
    public const int NotSecondary = 95;
    public const int PrimarySteppedDown = 189;
    public const int NoSuchTransaction = 251;
    public const int ExceededTimeLimit = 262;
    public const int FailPointSetFailed = 266;
    public const int SocketException = 9001;
    public const int NotWritablePrimary = 10107;
    public const int InterruptedAtShutdown = 11600;
    public const int InterruptedDueToReplStateChange = 11602;
    public const int NotPrimaryNoSecondaryOk = 13435;
    public const int NotPrimaryOrSecondary = 13436;
    public const int UserNotFound = 11;
    public const int AuthenticationFailed = 18;
    public const int RoleNotFound = 31;
    public const int MechanismUnavailable = 334;
    public const int UserAlreadyExists = 51003;

    /// <summary>
    /// Codes the retryable-writes specification retries (and for which a server labels a retryable write's failure
    /// RetryableWriteError); the same set, as mongod's isResumableChangeStreamError, marks getMore failures of a change
    /// stream ResumableChangeStreamError.
    /// </summary>
    public static bool IsRetryable(int code) => code is HostUnreachable or HostNotFound or NetworkTimeout or ShutdownInProgress
        or PrimarySteppedDown or ExceededTimeLimit or SocketException or NotWritablePrimary or InterruptedAtShutdown
        or InterruptedDueToReplStateChange or NotPrimaryNoSecondaryOk or NotPrimaryOrSecondary;

    public static string Name(int code) => code switch
    {
        BadValue => "BadValue",
        FailedToParse => "FailedToParse",
        TypeMismatch => "TypeMismatch",
        IllegalOperation => "IllegalOperation",
        NamespaceNotFound => "NamespaceNotFound",
        PathNotViable => "PathNotViable",
        ConflictingUpdateOperators => "ConflictingUpdateOperators",
        CursorNotFound => "CursorNotFound",
        NamespaceExists => "NamespaceExists",
        CommandNotFound => "CommandNotFound",
        ImmutableField => "ImmutableField",
        InvalidOptions => "InvalidOptions",
        IndexNotFound => "IndexNotFound",
        CannotCreateIndex => "CannotCreateIndex",
        IndexOptionsConflict => "IndexOptionsConflict",
        IndexKeySpecsConflict => "IndexKeySpecsConflict",
        AmbiguousIndexKeyPattern => "AmbiguousIndexKeyPattern",
        InvalidNamespace => "InvalidNamespace",
        CommandNotSupported => "CommandNotSupported",
        UnsupportedOpQueryCommand => "UnsupportedOpQueryCommand",
        Unauthorized => "Unauthorized",
        ProtocolError => "ProtocolError",
        InternalError => "InternalError",
        InvalidLength => "InvalidLength",
        InvalidIdField => "InvalidIdField",
        DuplicateKey => "DuplicateKey",
        BSONObjectTooLarge => "BSONObjectTooLarge",
        NoMatchingDocument => "NoMatchingDocument",
        InvalidResumeToken => "InvalidResumeToken",
        ChangeStreamFatalError => "ChangeStreamFatalError",
        ChangeStreamHistoryLost => "ChangeStreamHistoryLost",
        HostUnreachable => "HostUnreachable",
        ConflictingOperationInProgress => "ConflictingOperationInProgress",
        TransactionTooOld => "TransactionTooOld",
        TransactionCommitted => "TransactionCommitted",
        OperationNotSupportedInTransaction => "OperationNotSupportedInTransaction",
        HostNotFound => "HostNotFound",
        MaxTimeMSExpired => "MaxTimeMSExpired",
        NetworkTimeout => "NetworkTimeout",
        ShutdownInProgress => "ShutdownInProgress",
        NotSecondary => "NotSecondary",
        PrimarySteppedDown => "PrimarySteppedDown",
        NoSuchTransaction => "NoSuchTransaction",
        ExceededTimeLimit => "ExceededTimeLimit",
        FailPointSetFailed => "FailPointSetFailed",
        SocketException => "SocketException",
        NotWritablePrimary => "NotWritablePrimary",
        InterruptedAtShutdown => "InterruptedAtShutdown",
        InterruptedDueToReplStateChange => "InterruptedDueToReplStateChange",
        NotPrimaryNoSecondaryOk => "NotPrimaryNoSecondaryOk",
        NotPrimaryOrSecondary => "NotPrimaryOrSecondary",
        InvalidPipelineOperator => "InvalidPipelineOperator",
        UserNotFound => "UserNotFound",
        AuthenticationFailed => "AuthenticationFailed",
        RoleNotFound => "RoleNotFound",
        MechanismUnavailable => "MechanismUnavailable",
        _ => "Location" + code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
