namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>A reader asked for oplog entries already evicted from the retention window (ChangeStreamHistoryLost, 286).</summary>
internal sealed class OplogHistoryLostException : Exception
{
    public OplogHistoryLostException(long requested, long firstRetained)
        : base($"oplog entry {requested} is no longer retained; the oldest kept is {firstRetained} (the sandbox's oplog window is full)")
    {
        Requested = requested;
        FirstRetained = firstRetained;
    }

    public OplogHistoryLostException()
    {
    }

    public OplogHistoryLostException(string message)
        : base(message)
    {
    }

    public OplogHistoryLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long Requested { get; }

    public long FirstRetained { get; }
}
