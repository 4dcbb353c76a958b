using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Checkpoint;

/// <summary>The store checkpoint.store names (file | kafka | mongodb), keyed by pipeline.name.</summary>
internal static class CheckpointStoreFactory
{
    /// <summary>kafka.producer properties the checkpoint clients need too: how to reach and authenticate to the brokers.</summary>
    /// <param name="options">The configuration.</param>
    /// <param name="loggerFactory">For the stores' own log lines.</param>
    /// <param name="mongo">The process's MongoDB client, which a mongodb store shares with the change stream.</param>
    /// <param name="inspectionLimit">
    /// Set by `cdc check`, which may run beside a live connector and must end in bounded time: each Kafka call is
    /// bounded by it, and a file store leaves temporary files alone (one may be the running connector's save in
    /// progress). A mongodb store is bounded by the timeouts of <paramref name="mongo"/>.
    /// </param>
    public static ICheckpointStore Create(CdcOptions options, ILoggerFactory loggerFactory, MongoConnection mongo, TimeSpan? inspectionLimit = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(mongo);
        var checkpoint = options.Checkpoint;
        var pipeline = options.Pipeline.Name;
        return checkpoint.Store switch
        {
            CheckpointStoreKind.File => new FileCheckpointStore(Require(checkpoint.Path, "checkpoint.path", "file"), pipeline, removeLeftovers: inspectionLimit is null),
            CheckpointStoreKind.Kafka => new KafkaCheckpointStore(
                Require(options.Kafka.BootstrapServers, "kafka.bootstrapServers", "kafka"),
                Require(checkpoint.Topic, "checkpoint.topic", "kafka"),
                pipeline,
                KafkaClientSettings.ConnectionProperties(options.Kafka),
                inspectionLimit ?? KafkaCheckpointStore.DefaultOperationTimeout,
                loggerFactory.CreateLogger<KafkaCheckpointStore>()),
            CheckpointStoreKind.MongoDb => new MongoDbCheckpointStore(RequireUri(options, mongo), checkpoint.Collection ?? MongoDbCheckpointStore.DefaultCollection, pipeline),
            _ => throw new ArgumentOutOfRangeException(nameof(options), checkpoint.Store, "'checkpoint.store' is not a known store."),
        };
    }

    /// <summary>The mongodb store lives on the watched deployment: it needs mongodb.uri like the stream does.</summary>
    private static MongoConnection RequireUri(CdcOptions options, MongoConnection mongo)
    {
        Require(options.MongoDb.Uri, "mongodb.uri", "mongodb");
        return mongo;
    }

    private static string Require(string? value, string key, string store) =>
        string.IsNullOrEmpty(value)
            ? throw new CheckpointStoreException($"'{key}' must be set because 'checkpoint.store' is {store}.")
            : value;
}
