using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>The real outside world of `cdc run`: libmongoc change stream, Confluent.Kafka producer, the configured store.</summary>
internal sealed class ConnectorEnvironment : IPipelineEnvironment, IDisposable
{
    private readonly CdcOptions _options;
    private readonly ILoggerFactory _loggerFactory;

    public ConnectorEnvironment(CdcOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        CheckpointStore = CheckpointStoreFactory.Create(options, loggerFactory);
        Watching = Describe(options.MongoDb);
    }

    public string Watching { get; }

    public ICheckpointStore CheckpointStore { get; }

    public IChangeStreamSource CreateSource() => new ChangeStreamSource(_options.MongoDb, _loggerFactory.CreateLogger<ChangeStreamSource>());

    public IRecordPublisher CreatePublisher(IDeliveryListener listener, int maxInFlightEvents) =>
        new KafkaRecordPublisher(_options.Kafka, listener, maxInFlightEvents, _loggerFactory.CreateLogger<KafkaRecordPublisher>());

    public StartPosition ResolveStart(StoredCheckpoint? committed) => StartPositionResolver.Resolve(committed, _options.MongoDb.StartAt);

    public void Dispose() => CheckpointStore.Dispose();

    private static string Describe(MongoDbOptions mongo)
    {
        var scope = mongo.Scope switch
        {
            "collection" => $"collection {mongo.Database}.{mongo.Collection}",
            "database" => $"database {mongo.Database}",
            _ => "the whole cluster",
        };
        var filter = mongo.IncludeNamespaces.Count == 0 ? string.Empty : $" (only {string.Join(", ", mongo.IncludeNamespaces)})";
        var excluded = mongo.ExcludeNamespaces.Count == 0 ? string.Empty : $" (except {string.Join(", ", mongo.ExcludeNamespaces)})";
        return $"{scope}{filter}{excluded} at {MongoUriRedactor.Redact(mongo.Uri ?? string.Empty)}";
    }
}
