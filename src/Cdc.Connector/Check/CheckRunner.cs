using Cdc.Connector.Configuration;

namespace Cdc.Connector.Check;

/// <summary>
/// Runs the endpoint checks of `cdc check` in the order an operator fixes things: MongoDB, Kafka, the Schema Registry,
/// then the checkpoint store (whose resumability check opens the stream through the MongoDB checker's client). Each
/// area runs even when an earlier one failed, so one run shows every problem.
/// </summary>
internal static class CheckRunner
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    public static void Run(CdcOptions options, CheckReport report, TimeSpan limit, TimeProvider time)
    {
        using var mongo = new MongoDbChecker(options.MongoDb, limit);
        mongo.Run(report);
        new KafkaChecker(options, limit).Run(report);
        new SchemaRegistryChecker(options, limit).Run(report);
        new CheckpointChecker(options, limit, mongo, time).Run(report);
    }
}
