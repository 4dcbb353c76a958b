using System.Globalization;
using System.Runtime.InteropServices;

namespace Cdc.Sandbox.Kafka;

/// <summary>
/// A librdkafka <c>rd_kafka_resp_err_t</c>: a Kafka protocol error code (≥ 0) or one of librdkafka's local errors
/// (negative). Names and descriptions are librdkafka's own, so the control API accepts exactly the names its
/// documentation and logs use (e.g. <c>NOT_LEADER_FOR_PARTITION</c>, <c>_TRANSPORT</c>).
/// </summary>
internal readonly record struct KafkaErrorCode(int Code)
{
    public static KafkaErrorCode NoError => new(0);

    /// <summary>Local error: a mock broker answering a request with it closes the client's connection instead.</summary>
    public static KafkaErrorCode Transport => new(-195);

    public static KafkaErrorCode UnknownTopicOrPartition => new(3);

    public static KafkaErrorCode LeaderNotAvailable => new(5);

    public static KafkaErrorCode NotLeaderForPartition => new(6);

    public static KafkaErrorCode RequestTimedOut => new(7);

    public static KafkaErrorCode BrokerNotAvailable => new(8);

    public static KafkaErrorCode NotEnoughReplicas => new(19);

    public static KafkaErrorCode TopicAuthorizationFailed => new(29);

    public static KafkaErrorCode TopicAlreadyExists => new(36);

    /// <summary>librdkafka's name without the <c>RD_KAFKA_RESP_ERR_</c> prefix.</summary>
    public string Name => Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_err2name(Code)) ?? Code.ToString(CultureInfo.InvariantCulture);

    public string Description => Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_err2str(Code)) ?? Name;

    /// <summary>Whether librdkafka knows this code (its error table has a name for it).</summary>
    public bool IsKnown => KafkaErrorCatalog.Contains(Code);

    /// <summary>
    /// Parses librdkafka's name (<c>NOT_LEADER_FOR_PARTITION</c>, case-insensitive, the <c>RD_KAFKA_RESP_ERR_</c> prefix
    /// optional) or a number; unknown names and codes are an <see cref="ArgumentException"/>.
    /// </summary>
    public static KafkaErrorCode Parse(string nameOrCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrCode);
        var text = nameOrCode.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
        {
            return KafkaErrorCatalog.Contains(code)
                ? new KafkaErrorCode(code)
                : throw new ArgumentException($"librdkafka has no error code {code}.", nameof(nameOrCode));
        }

        const string Prefix = "RD_KAFKA_RESP_ERR_";
        if (text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[Prefix.Length..];
        }

        return KafkaErrorCatalog.TryFind(text, out code)
            ? new KafkaErrorCode(code)
            : throw new ArgumentException(
                $"librdkafka has no error named '{nameOrCode}' (names are like NOT_LEADER_FOR_PARTITION or _TRANSPORT).",
                nameof(nameOrCode));
    }

    public override string ToString() => $"{Name} ({Code})";
}
