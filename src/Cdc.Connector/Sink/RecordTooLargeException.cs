namespace Cdc.Connector.Sink;

/// <summary>Kafka refused a record for its size and no dead-letter topic is configured: the connector must stop.</summary>
internal sealed class RecordTooLargeException : Exception
{
    public RecordTooLargeException()
        : base("A record is larger than Kafka accepts.")
    {
    }

    public RecordTooLargeException(string message)
        : base(message)
    {
    }

    public RecordTooLargeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
