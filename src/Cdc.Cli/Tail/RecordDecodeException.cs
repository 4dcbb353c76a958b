namespace Cdc.Cli.Tail;

/// <summary>A record's key or value cannot be decoded; the message says why, as a clause naming the fix where there is one.</summary>
internal sealed class RecordDecodeException : Exception
{
    public RecordDecodeException()
    {
    }

    public RecordDecodeException(string message)
        : base(message)
    {
    }

    public RecordDecodeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
