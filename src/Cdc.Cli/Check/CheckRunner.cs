using Cdc.Connector.Configuration;

namespace Cdc.Cli.Check;

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
        using var mongo = new MongoDbChecker(options, limit);
        Guarded(CheckAreas.MongoDb, report, mongo.Run);
        Guarded(CheckAreas.Kafka, report, new KafkaChecker(options, limit).Run);
        Guarded(CheckAreas.SchemaRegistry, report, new SchemaRegistryChecker(options, limit).Run);
        Guarded(CheckAreas.Checkpoint, report, new CheckpointChecker(options, limit, mongo, time).Run);
    }

    /// <summary>
    /// Each checker reports the failures it knows; anything else a client library throws fails that area alone, so
    /// the other areas are still checked and the run still ends with its verdict.
    /// </summary>
    internal static void Guarded(string area, CheckReport report, Action<CheckReport> check)
    {
        try
        {
            check(report);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            report.Add(CheckResult.Fail(area, "unexpected error", $"{ex.GetType().Name}: {ex.Message}",
                "this is a bug in cdc check or an unforeseen answer of the endpoint; the message says which, and `cdc run` may fail the same way"));
        }
    }
}
