namespace Cdc.Sandbox.Kafka;

/// <summary>librdkafka's mock cluster refused a control call; <see cref="Error"/> is librdkafka's error code.</summary>
internal sealed class KafkaMockException : Exception
{
    public KafkaMockException()
    {
    }

    public KafkaMockException(string message)
        : base(message)
    {
    }

    public KafkaMockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KafkaMockException(string message, KafkaErrorCode error)
        : base(message) => Error = error;

    public KafkaErrorCode Error { get; }
}
