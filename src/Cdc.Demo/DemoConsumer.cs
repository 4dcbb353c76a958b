using Cdc.Connector.Configuration;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Logging;

namespace Cdc.Demo;

/// <summary>
/// The downstream application of the demo: a plain Kafka consumer (Confluent.Kafka) reading every demo topic from the
/// beginning, decoding each record through the Schema Registry with Confluent's Avro deserializer as any consumer would
/// (<see cref="RecordDecoder"/>), and measuring the end-to-end
/// latency: the moment it has the record minus the change event's <c>wallTime</c> (when MongoDB applied the write).
/// </summary>
/// <remarks>
/// It assigns the topics' partitions itself instead of joining a consumer group: the demo knows its topics, and a
/// group's join and rebalance would hold the first records back (about 150 ms against the sandbox, whose first
/// rebalance does not wait; seconds against a real cluster's group.initial.rebalance.delay.ms), which would show up as latency that no
/// part of the pipeline caused.
/// </remarks>
internal sealed class DemoConsumer : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly RecordDecoder _decoder;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private Thread? _thread;

    public DemoConsumer(string bootstrapServers, string schemaRegistryUrl, IReadOnlyList<string> topics, int partitions, ILogger logger, TimeProvider? time = null)
    {
        LibrdkafkaLoader.EnsureLoaded();
        _time = time ?? TimeProvider.System;
        _decoder = new RecordDecoder(schemaRegistryUrl, TimeSpan.FromSeconds(10));
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = "cdc-demo-consumer",
            GroupId = "cdc-demo",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,

            // The default (500 ms) is a broker-side long poll that would add up to half a second to every quiet moment's latency.
            FetchWaitMaxMs = 10,
        };
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, message) =>
            {
                var level = LevelOf(message.Level);
                DemoLog.ConsumerLibraryLog(logger, level, message.Facility, message.Message);
            })
            .SetErrorHandler((_, error) => DemoLog.ConsumerError(logger, error.Reason))
            .Build();
        var assignment = new List<TopicPartitionOffset>(topics.Count * partitions);
        foreach (var topic in topics)
        {
            for (var partition = 0; partition < partitions; partition++)
            {
                assignment.Add(new TopicPartitionOffset(topic, partition, Offset.Beginning));
            }
        }

        _consumer.Assign(assignment);
    }

    public ConsumerStatistics Statistics { get; } = new();

    public void Start()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "cdc-demo-consumer" };
        _thread.Start();
    }

    /// <summary>Stops consuming and waits for the thread (it checks for the stop at least every poll interval).</summary>
    public void Stop()
    {
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        Stop();
        _consumer.Close();
        _consumer.Dispose();
        _decoder.Dispose();
        _stop.Dispose();
    }

    private void Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _consumer.Consume(PollInterval);
            }
            catch (ConsumeException e)
            {
                Statistics.DecodeFailed($"consume error on {e.ConsumerRecord?.Topic}: {e.Error.Reason}");
                continue;
            }

            if (result?.Message is not null && !result.IsPartitionEOF)
            {
                Handle(result);
            }
        }
    }

    private void Handle(ConsumeResult<byte[]?, byte[]?> result)
    {
        var topic = result.Topic;
        var message = result.Message;
        var receivedMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        Statistics.Received(topic);
        try
        {
            var key = message.Key is null ? "(no key)" : EnvelopeFields.DocumentKey(_decoder.Decode(message.Key, topic, MessageComponentType.Key));
            if (message.Value is null)
            {
                Statistics.Tombstone();
                Statistics.DecodedTombstone(new ConsumedRecord(topic, "(tombstone)", key, "", null));
                return;
            }

            var fields = EnvelopeFields.Read(_decoder.Decode(message.Value, topic, MessageComponentType.Value));
            double? latency = null;
            if (fields.WallTimeMs is { } wallTime)
            {
                latency = Math.Max(0, receivedMs - wallTime);
                Statistics.RecentLatency.Add(receivedMs, latency.Value);
                Statistics.Latency.Add(latency.Value);
            }

            Statistics.DecodedEvent(new ConsumedRecord(topic, fields.OperationType, key, fields.Document, latency), fields.InTransaction);
        }
        // ArgumentException: what Confluent's deserializer throws on some malformed payloads; on this thread an uncaught
        // exception would end the process instead of counting one decode failure.
        catch (Exception e) when (e is InvalidDataException or Avro.AvroException or EndOfStreamException or SchemaRegistryException
            or HttpRequestException or OperationCanceledException or KeyNotFoundException or InvalidCastException or InvalidOperationException
            or ArgumentException)
        {
            Statistics.DecodeFailed($"{topic} [{result.Partition.Value}] offset {result.Offset.Value}: {e.Message}");
        }
    }

    private static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
