using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Check;

/// <summary>
/// The checkpoint store of the configuration as <see cref="CheckpointStoreFactory"/> makes it for `cdc run`, adapted
/// for `cdc check`, which may run beside a live connector and must end in bounded time: each Kafka call is bounded by
/// the check's limit, a mongodb store shares the check's MongoDB client, whose server-selection and connect timeouts are the check's limit, and
/// a file store leaves temporary files alone (one may be the running connector's save in progress).
/// </summary>
internal static class CheckpointStoreForCheck
{
    public static ICheckpointStore Create(CdcOptions options, TimeSpan limit, MongoConnection mongo)
    {
        var checkpoint = options.Checkpoint;
        var pipeline = options.Pipeline.Name;
        return checkpoint.Store switch
        {
            CheckpointStoreKind.File => new FileCheckpointStore(checkpoint.Path!, pipeline, removeLeftovers: false),
            CheckpointStoreKind.Kafka => new KafkaCheckpointStore(
                options.Kafka.BootstrapServers!,
                checkpoint.Topic!,
                pipeline,
                CheckpointStoreFactory.ConnectionProperties(options.Kafka.Producer),
                limit,
                NullLogger<KafkaCheckpointStore>.Instance),
            CheckpointStoreKind.MongoDb => new MongoDbCheckpointStore(mongo, checkpoint.Collection ?? MongoDbCheckpointStore.DefaultCollection, pipeline),
            _ => CheckpointStoreFactory.Create(options, NullLoggerFactory.Instance, mongo),
        };
    }
}
