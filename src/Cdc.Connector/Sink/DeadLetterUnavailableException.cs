namespace Cdc.Connector.Sink;

/// <summary>An event must be dead-lettered but kafka.deadLetterTopic is not set: the connector must stop.</summary>
internal sealed class DeadLetterUnavailableException : Exception
{
    public DeadLetterUnavailableException()
        : base("kafka.deadLetterTopic is not set.")
    {
    }

    public DeadLetterUnavailableException(string message)
        : base(message)
    {
    }

    public DeadLetterUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
