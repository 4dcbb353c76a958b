using System.Globalization;
using Confluent.Kafka;

namespace Cdc.Connector.Sink;

/// <summary>Kafka refused a record for good (after librdkafka's own retries): where, and librdkafka's error.</summary>
internal sealed class KafkaDeliveryException : Exception
{
    public KafkaDeliveryException()
        : base("Kafka did not accept a record.")
    {
    }

    public KafkaDeliveryException(string message)
        : base(message)
    {
    }

    public KafkaDeliveryException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public KafkaDeliveryException(string topic, Partition partition, Error error)
        : base(Describe(topic, partition, error))
    {
        Topic = topic;
        Partition = partition;
        Code = error.Code;
        Reason = error.Reason;
    }

    public string? Topic { get; }

    /// <summary><see cref="Partition.Any"/> when the record failed before a partition was chosen.</summary>
    public Partition Partition { get; }

    public ErrorCode Code { get; }

    public string? Reason { get; }

    private static string Describe(string topic, Partition partition, Error error)
    {
        var where = partition.IsSpecial
            ? $"topic '{topic}'"
            : $"topic '{topic}' partition {partition.Value.ToString(CultureInfo.InvariantCulture)}";
        return $"Kafka did not accept a record for {where}: {error.Code} ({((int)error.Code).ToString(CultureInfo.InvariantCulture)}): {error.Reason}";
    }
}
