namespace Cdc.Cli.Tail;

/// <summary>`cdc tail` cannot start or go on (Kafka, the Schema Registry, the topics): the message names the thing, what went wrong and the fix.</summary>
internal sealed class TailException : Exception
{
    public TailException()
    {
    }

    public TailException(string message)
        : base(message)
    {
    }

    public TailException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
