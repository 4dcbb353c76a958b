namespace Cdc.Connector.MongoDb;

/// <summary>
/// A MongoDB failure as the connector understands it: its <see cref="Kind"/>, the server's code and code name when the
/// server answered, and a message that names the operation and never carries a password. Made only by
/// <see cref="MongoFailureTranslator"/>; the driver's exception is kept as the inner exception (for CDC_DEBUG).
/// </summary>
internal sealed class MongoFailureException : Exception
{
    /// <param name="kind">What it means.</param>
    /// <param name="operation">What was being done: "Opening the change stream on collection shop.orders".</param>
    /// <param name="reason">What went wrong, without any password: "Command aggregate failed: … (ChangeStreamHistoryLost, code 286)".</param>
    /// <param name="code">The server's error code, if it answered with one.</param>
    /// <param name="codeName">The server's code name, if any.</param>
    /// <param name="inner">The driver's exception.</param>
    public MongoFailureException(MongoFailureKind kind, string operation, string reason, int? code, string? codeName, Exception? inner)
        : base($"{operation} failed: {reason}", inner)
    {
        Kind = kind;
        Reason = reason;
        Code = code;
        CodeName = codeName;
    }

    public MongoFailureException()
        : this("MongoDB operation failed.")
    {
    }

    public MongoFailureException(string message)
        : this(message, null!)
    {
    }

    public MongoFailureException(string message, Exception inner)
        : base(message, inner)
    {
        Kind = MongoFailureKind.Transient;
        Reason = message;
    }

    public MongoFailureKind Kind { get; }

    /// <summary>The message without the operation: what went wrong.</summary>
    public string Reason { get; }

    /// <summary>The server's error code (286, 260, 13, …); null when the failure happened on the client side.</summary>
    public int? Code { get; }

    /// <summary>The server's code name (ChangeStreamHistoryLost, …), or null.</summary>
    public string? CodeName { get; }

    /// <summary>The position cannot be resumed: gone from the oplog or not valid for this stream.</summary>
    public bool IsPositionLost => Kind is MongoFailureKind.HistoryLost or MongoFailureKind.InvalidToken;

    /// <summary>Reopening later may succeed (the connector restarts from its committed position after a backoff).</summary>
    public bool IsRetryable => Kind is MongoFailureKind.Transient or MongoFailureKind.Unreachable;

    /// <summary>"ChangeStreamHistoryLost, code 286" or "code 286" or null, for messages.</summary>
    public string? CodeText => Code is null ? null : CodeName is null ? $"code {Code}" : $"{CodeName}, code {Code}";
}
