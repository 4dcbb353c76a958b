using Cdc.Connector.Configuration;
using Confluent.Kafka;

namespace Cdc.Cli.Check;

/// <summary>
/// Builds a producer with the connector's real configuration (<see cref="ProducerConfigBuilder"/>) plus statistics,
/// produces nothing, and waits until librdkafka reports the idempotent producer id assigned, a fatal error, or the limit.
/// </summary>
internal static class IdempotenceProbe
{
    private static readonly TimeSpan StatisticsInterval = TimeSpan.FromMilliseconds(100);

    public static CheckResult Run(CdcOptions options, TimeSpan limit)
    {
        var config = ProducerConfigBuilder.Build(options.Kafka, options.Pipeline.MaxInFlightEvents);
        config.Add(new("statistics.interval.ms", ((int)StatisticsInterval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        config.Add(new("client.id", "cdc-check"));
        var gate = new Lock();
        string? state = null;
        long producerId = -1;
        Error? fatal = null;
        string? lastError = null;
        using var done = new ManualResetEventSlim();
        try
        {
            using var producer = new ProducerBuilder<byte[], byte[]>(config)
                .SetLogHandler(static (_, _) => { })
                .SetErrorHandler((_, error) =>
                {
                    lock (gate)
                    {
                        lastError = $"{error.Reason} ({error.Code})";
                        if (error.IsFatal)
                        {
                            fatal = error;
                            done.Set();
                        }
                    }
                })
                .SetStatisticsHandler((_, json) =>
                {
                    if (IdempotenceStatistics.TryRead(json, out var current, out var id))
                    {
                        lock (gate)
                        {
                            state = current;
                            producerId = id;
                        }

                        if (current == IdempotenceStatistics.AssignedState)
                        {
                            done.Set();
                        }
                    }
                })
                .Build();
            done.Wait(limit);
        }
        catch (KafkaException ex)
        {
            return CheckResult.Fail(CheckAreas.Kafka, IdempotenceRules.Name, $"librdkafka refused the producer configuration: {ex.Error.Reason}",
                "correct the property named above under kafka.producer");
        }
        catch (ArgumentException ex)
        {
            // `cdc run` would fail the same way when it builds its producer.
            return CheckResult.Fail(CheckAreas.Kafka, IdempotenceRules.Name, $"librdkafka refused the producer configuration: {ex.Message}",
                "correct the property named above under kafka.producer");
        }

        lock (gate)
        {
            return IdempotenceRules.Evaluate(state, producerId, fatal, lastError, limit);
        }
    }
}
