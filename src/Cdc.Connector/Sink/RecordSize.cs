using System.Globalization;
using Confluent.Kafka;

namespace Cdc.Connector.Sink;

/// <summary>
/// How librdkafka weighs a record against <c>message.max.bytes</c> when it is produced (rd_kafka_msg_new0, which refuses
/// a heavier one with MSG_SIZE_TOO_LARGE before anything is sent): its key, its value, its serialized headers, and the
/// most a record's own framing can take in the v2 format (<c>RD_KAFKAP_MESSAGE_V2_MAX_OVERHEAD</c>). `cdc inspect`
/// predicts with it what <see cref="KafkaRecordPublisher"/> will meet.
/// </summary>
internal static class RecordSize
{
    /// <summary>
    /// RD_KAFKAP_MESSAGE_V2_MAX_OVERHEAD of librdkafka 2.16: length, attributes, timestamp delta, offset delta, key
    /// length, value length and header count, each at its longest varint (5 + 1 + 10 + 5 + 5 + 5 + 5 bytes).
    /// </summary>
    public const int MaxOverheadBytes = 36;

    /// <summary>What librdkafka compares with message.max.bytes for a record of these parts.</summary>
    public static long Weighed(long keyBytes, long valueBytes, long headerBytes = 0) => MaxOverheadBytes + keyBytes + valueBytes + headerBytes;

    /// <summary>Whether librdkafka accepts a record of these parts under <paramref name="messageMaxBytes"/>.</summary>
    public static bool Fits(long messageMaxBytes, long keyBytes, long valueBytes, long headerBytes = 0) =>
        Weighed(keyBytes, valueBytes, headerBytes) <= messageMaxBytes;

    /// <summary>The serialized size of <paramref name="headers"/>: per header its name and value, each after its zig-zag varint length.</summary>
    public static long HeaderBytes(Headers headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        long bytes = 0;
        foreach (var header in headers)
        {
            var nameBytes = System.Text.Encoding.UTF8.GetByteCount(header.Key);
            var valueBytes = header.GetValueBytes()?.Length ?? 0;
            bytes += VarintBytes(nameBytes) + nameBytes + VarintBytes(valueBytes) + valueBytes;
        }

        return bytes;
    }

    /// <summary>
    /// Whether a change record of these unframed Avro payloads (<paramref name="key"/> null: no key record), each framed
    /// for the Schema Registry, fits with a <c>cdc.omitted</c> header naming <paramref name="omittedPaths"/>: the weighing
    /// mapping.oversize=reference makes, for `cdc run` and `cdc inspect` alike.
    /// </summary>
    public static bool FitsWithOmittedHeader(long messageMaxBytes, byte[]? key, byte[] value, string omittedPaths)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Fits(messageMaxBytes, FramedBytes(key), FramedBytes(value), HeaderBytes(OmittedHeader.Name, omittedPaths));
    }

    /// <summary>An unframed payload's size once framed for the Schema Registry (magic byte and schema id); 0 for none.</summary>
    public static long FramedBytes(byte[]? payload) => payload is null ? 0 : payload.Length + Cdc.Schemas.Registry.SchemaRegistryFraming.HeaderLength;

    /// <summary>The serialized size of one header of <paramref name="name"/> with a UTF-8 <paramref name="value"/>.</summary>
    public static long HeaderBytes(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var nameBytes = System.Text.Encoding.UTF8.GetByteCount(name);
        var valueBytes = System.Text.Encoding.UTF8.GetByteCount(value);
        return VarintBytes(nameBytes) + nameBytes + VarintBytes(valueBytes) + valueBytes;
    }

    /// <summary>The reason a record refused locally for its size goes to the dead-letter topic with (header cdc.reason).</summary>
    public static string OverLimitReason(long recordBytes, long messageMaxBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"record of {recordBytes:N0} bytes exceeds message.max.bytes ({messageMaxBytes:N0})");

    private static int VarintBytes(long length)
    {
        // librdkafka writes header lengths with rd_uvarint_enc_i64: zig-zag, then 7 bits per byte.
        var zigzag = (ulong)(length << 1);
        var bytes = 1;
        while (zigzag >= 0x80)
        {
            zigzag >>= 7;
            bytes++;
        }

        return bytes;
    }
}
