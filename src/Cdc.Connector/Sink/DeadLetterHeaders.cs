using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Cdc.Connector.Sink;

/// <summary>The headers of a dead-letter record: why it is there and where it would have gone (UTF-8 text values).</summary>
internal static class DeadLetterHeaders
{
    public const string Reason = "cdc.reason";
    public const string Topic = "cdc.topic";
    public const string RecordBytes = "cdc.recordBytes";
    public const string ResumeToken = "cdc.resumeToken";
    public const string OperationType = "cdc.operationType";
    public const string Namespace = "cdc.namespace";

    /// <summary>For a record Kafka refused for its size: its value is left out, its key kept.</summary>
    public static Headers ForTooLarge(string reason, string topic, long recordBytes) =>
        new()
        {
            { Reason, Encoding.UTF8.GetBytes(reason) },
            { Topic, Encoding.UTF8.GetBytes(topic) },
            { RecordBytes, Encoding.UTF8.GetBytes(recordBytes.ToString(CultureInfo.InvariantCulture)) },
        };

    public static Headers For(DeadLetterRecord record)
    {
        var headers = new Headers { { Reason, Encoding.UTF8.GetBytes(record.Reason) } };
        AddIfKnown(headers, Topic, record.OriginalTopic);
        AddIfKnown(headers, ResumeToken, record.ResumeTokenData);
        AddIfKnown(headers, OperationType, record.OperationType);
        AddIfKnown(headers, RecordBytes, record.RecordBytes?.ToString(CultureInfo.InvariantCulture));
        AddIfKnown(headers, Namespace, record.Namespace);
        return headers;
    }

    private static void AddIfKnown(Headers headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Add(name, Encoding.UTF8.GetBytes(value));
        }
    }
}
