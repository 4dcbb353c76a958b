using Cdc.Connector.Configuration;
using Confluent.Kafka;

namespace Cdc.Cli.Tail;

/// <summary>
/// The consuming side of `cdc tail`: a consumer with the connection settings of kafka.producer that is assigned its
/// partitions directly, so it joins no consumer group and commits nothing (nothing on the cluster changes because
/// someone tailed it). Each record is decoded (<see cref="RecordJsonDecoder"/>) and written in the order the consumer
/// returns them, which is offset order within each partition.
/// </summary>
internal sealed class TailReader : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly TextWriter _stderr;
    private string? _lastError;

    public TailReader(KafkaOptions options, IReadOnlyList<TopicPartitionOffset> assignment, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        _stderr = stderr;
        var config = new ConsumerConfig(KafkaClientSettings.ConnectionProperties(options))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = "cdc-tail",

            // Confluent.Kafka requires a group id, but an assigned consumer that commits nothing never joins the group,
            // so the cluster keeps no trace of it.
            GroupId = "cdc-tail",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,

            // A start offset no longer in the log (the topic was truncated or recreated): read what is there.
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler((_, error) => Report($"{error.Reason} ({error.Code})"))
            .Build();
        _consumer.Assign(assignment);
    }

    /// <summary>How many records were written, and how many of them did not decode.</summary>
    public long Written { get; private set; }

    public long Failed { get; private set; }

    /// <summary>True when the output's reader went away (a closed pipe): reading stopped there.</summary>
    public bool OutputClosed { get; private set; }

    /// <summary>
    /// Reads, decodes and writes records until <paramref name="max"/> were written, the output closes or
    /// <paramref name="stopping"/>; also reads the partitions <paramref name="newTopics"/> finds, from their beginning.
    /// </summary>
    public void Run(RecordJsonDecoder decoder, ITailOutput output, long? max, NewTopicWatcher? newTopics, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(output);
        while (!stopping.IsCancellationRequested && (max is null || Written < max))
        {
            if (newTopics?.TakeNew() is { Count: > 0 } found)
            {
                _consumer.IncrementalAssign(found.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
                foreach (var topic in found.GroupBy(p => p.Topic))
                {
                    _stderr.WriteLine($"cdc tail: reading {topic.Key} too, {topic.Count()} new partition(s) from their beginning");
                }
            }

            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _consumer.Consume(PollInterval);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                Report($"{e.ConsumerRecord?.Topic}[{e.ConsumerRecord?.Partition.Value}]: {e.Error.Reason} ({e.Error.Code})");
                continue;
            }
            catch (ConsumeException e)
            {
                throw new TailException($"the Kafka consumer failed: {e.Error.Reason} ({e.Error.Code}); fix: check kafka.bootstrapServers and the settings under kafka.producer", e);
            }

            if (result?.Message is null || result.IsPartitionEOF)
            {
                continue;
            }

            var record = Decode(result, decoder);
            try
            {
                output.Write(record);
            }
            catch (IOException)
            {
                // `cdc tail | head -n 5`: the reader has what it wanted.
                OutputClosed = true;
                return;
            }

            Written++;
            if (record.Error is not null)
            {
                Failed++;
            }
        }
    }

    public void Dispose()
    {
        // No group to leave and no offsets to commit: closing only ends the fetches.
        _consumer.Close();
        _consumer.Dispose();
    }

    private static TailedRecord Decode(ConsumeResult<byte[]?, byte[]?> result, RecordJsonDecoder decoder)
    {
        var message = result.Message;
        long? timestamp = message.Timestamp.Type == TimestampType.NotAvailable ? null : message.Timestamp.UnixTimestampMs;
        List<string>? problems = null;
        var key = Component(message.Key, "key", decoder, ref problems);
        var value = Component(message.Value, "value", decoder, ref problems);
        return new TailedRecord(
            result.Topic, result.Partition.Value, result.Offset.Value, timestamp, key, value, problems is null ? null : string.Join("; ", problems));
    }

    private static string? Component(byte[]? bytes, string what, RecordJsonDecoder decoder, ref List<string>? problems)
    {
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return decoder.Decode(bytes);
        }
        catch (RecordDecodeException e)
        {
            (problems ??= []).Add($"cannot decode the {what}: {e.Message}");
            return null;
        }
    }

    /// <summary>A consumer error on stderr, once until a different one comes (librdkafka repeats them while a broker stays down).</summary>
    private void Report(string error)
    {
        if (error == Interlocked.Exchange(ref _lastError, error))
        {
            return;
        }

        // From librdkafka's thread: Console.Error is synchronized.
        _stderr.WriteLine($"cdc tail: kafka: {error}");
    }
}
