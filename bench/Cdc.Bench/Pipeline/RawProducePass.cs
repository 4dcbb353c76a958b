using System.Diagnostics;
using Cdc.Connector.Configuration;
using Confluent.Kafka;

namespace Cdc.Bench.Pipeline;

/// <summary>
/// The baseline: the captured records produced straight with Confluent.Kafka, with the connector's producer settings
/// (<see cref="ProducerConfigBuilder"/>, and the publisher's delivery report fields), one reused message, one delivery
/// handler counting acknowledgements. Timed from the first produce to the last acknowledgement.
/// </summary>
internal static class RawProducePass
{
    /// <summary>The value of the records that prime a producer before timing starts (see <see cref="ReplayEnvironment"/>).</summary>
    public static readonly byte[] PrimeValue = "prime"u8.ToArray();

    /// <summary>Wall-clock time and the process's CPU time from the first produce to the last acknowledgement.</summary>
    public static (TimeSpan Elapsed, TimeSpan Cpu) Run(IReadOnlyList<CapturedRecord> records, IReadOnlyList<string> topics, KafkaOptions kafka, int maxInFlightEvents, TimeSpan timeout)
    {
        var config = ProducerConfigBuilder.Build(kafka, maxInFlightEvents);
        config.Add(new("dotnet.producer.delivery.report.fields", "none"));
        LibrdkafkaLoader.EnsureLoaded();

        var partitions = new TopicPartition[topics.Count];
        for (var i = 0; i < partitions.Length; i++)
        {
            partitions[i] = new TopicPartition(topics[i], Partition.Any);
        }

        using var done = new ManualResetEventSlim();
        var acknowledged = 0;
        var lastAck = 0L;
        Error? failure = null;
        void OnReport(DeliveryReport<byte[]?, byte[]?> report)
        {
            if (report.Error.IsError)
            {
                failure ??= report.Error;
            }

            if (Interlocked.Increment(ref acknowledged) == records.Count)
            {
                Volatile.Write(ref lastAck, Stopwatch.GetTimestamp());
                done.Set();
            }
        }

        Action<DeliveryReport<byte[]?, byte[]?>> handler = OnReport;
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        Prime(producer, partitions, timeout);
        var message = new Message<byte[]?, byte[]?> { Headers = [] };
        var startCpu = ProcessCpu.Now();
        var start = Stopwatch.GetTimestamp();
        foreach (var record in records)
        {
            message.Key = record.Key;
            message.Value = record.Value;
            while (true)
            {
                try
                {
                    producer.Produce(partitions[record.TopicSuffix], message, handler);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    Thread.Sleep(1);
                }
            }
        }

        var finished = done.Wait(timeout);
        var cpu = ProcessCpu.Now() - startCpu;
        if (!finished)
        {
            throw new TimeoutException($"Raw produce: only {Volatile.Read(ref acknowledged):N0} of {records.Count:N0} records acknowledged within {timeout.TotalSeconds:N0} s.");
        }

        if (failure is { } error)
        {
            throw new KafkaException(error);
        }

        return (Stopwatch.GetElapsedTime(start, Volatile.Read(ref lastAck)), cpu);
    }

    private static void Prime(IProducer<byte[]?, byte[]?> producer, TopicPartition[] partitions, TimeSpan timeout)
    {
        foreach (var partition in partitions)
        {
            producer.Produce(partition, new Message<byte[]?, byte[]?> { Value = PrimeValue });
        }

        if (producer.Flush(timeout) > 0)
        {
            throw new TimeoutException($"The embedded Kafka did not acknowledge the priming records within {timeout.TotalSeconds:N0} s.");
        }
    }
}
