using Cdc.Connector.Sink;

namespace Cdc.Bench.Pipeline;

/// <summary>
/// Passes every record on to the real publisher and keeps it, so the raw-produce baseline sends the very bytes the
/// pipeline produced. Used only in the warm-up pass, never in a timed one.
/// </summary>
internal sealed class CapturingPublisher(IRecordPublisher inner, string topicPrefix) : IRecordPublisher
{
    private readonly Dictionary<string, int> _suffixIndex = new(StringComparer.Ordinal);

    public List<CapturedRecord> Records { get; } = [];

    public List<string> TopicSuffixes { get; } = [];

    public void Produce(string topic, byte[]? key, byte[]? value, long sequence)
    {
        if (!topic.StartsWith(topicPrefix + ".", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Topic '{topic}' does not start with the run's prefix '{topicPrefix}.'.");
        }

        var suffix = topic[(topicPrefix.Length + 1)..];
        if (!_suffixIndex.TryGetValue(suffix, out var index))
        {
            index = TopicSuffixes.Count;
            TopicSuffixes.Add(suffix);
            _suffixIndex.Add(suffix, index);
        }

        // The arrays are lent for the call (IRecordPublisher.Produce): the pipeline reuses them for later records.
        Records.Add(new CapturedRecord(index, key is null ? null : [.. key], value is null ? null : [.. value]));
        inner.Produce(topic, key, value, sequence);
    }

    public void ProduceWithHeaders(string topic, byte[]? key, byte[]? value, Confluent.Kafka.Headers headers, long sequence) =>
        throw new InvalidOperationException($"The benchmark's records must all fit message.max.bytes; event {sequence} for '{topic}' was published with references.");

    public void ProduceDeadLetter(DeadLetterRecord record, long sequence) =>
        throw new InvalidOperationException($"The benchmark's events must all map; event {sequence} went to the dead-letter path: {record.Reason}");

    public bool Flush(TimeSpan timeout) => inner.Flush(timeout);

    public void Dispose() => inner.Dispose();
}
