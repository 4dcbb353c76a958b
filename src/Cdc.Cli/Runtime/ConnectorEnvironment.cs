using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Microsoft.Extensions.Logging;

namespace Cdc.Cli.Runtime;

/// <summary>
/// The real outside world of `cdc run`: the MongoDB driver's change stream (one client for the process, shared by every
/// cycle and by a mongodb checkpoint store), the Confluent.Kafka producer, the configured checkpoint store.
/// </summary>
internal sealed class ConnectorEnvironment : IPipelineEnvironment, IDisposable
{
    private readonly CdcOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private static readonly TimeSpan ValidatorReadLimit = TimeSpan.FromSeconds(10);

    private readonly MongoConnection _mongo;
    private readonly IRecordPlacementListener? _placements;

    // placements: where acknowledged records landed goes there (the live view's feed), or nowhere when null.
    public ConnectorEnvironment(CdcOptions options, ILoggerFactory loggerFactory, IRecordPlacementListener? placements = null)
    {
        _options = options;
        _placements = placements;
        _loggerFactory = loggerFactory;
        _mongo = new MongoConnection(
            options.MongoDb.Uri ?? throw new ConfigurationException("'mongodb.uri' is required to read a change stream."), loggerFactory, tls: MongoTlsFiles.From(options.MongoDb));
        try
        {
            CheckpointStore = CheckpointStoreFactory.Create(options, loggerFactory, _mongo);
        }
        catch
        {
            _mongo.Dispose();
            throw;
        }

        Watching = Describe(options.MongoDb);
    }

    public string Watching { get; }

    public ICheckpointStore CheckpointStore { get; }

    public IChangeStreamSource CreateSource() => new ChangeStreamSource(_mongo, _options.MongoDb, _loggerFactory.CreateLogger<ChangeStreamSource>());

    public ISnapshotReader CreateSnapshotReader() => new MongoSnapshotReader(_mongo, _options.MongoDb, _options.Snapshot);

    public IReadOnlyList<SnapshotNamespace> ListWatchedCollections(CancellationToken cancellationToken) =>
        new MongoSnapshotReader(_mongo, _options.MongoDb, _options.Snapshot).ListWatchedCollections(cancellationToken);

    /// <summary>
    /// The <c>$jsonSchema</c> validator of one collection, for a typed namespace's first schema: read once per namespace
    /// on the reading thread, so bounded (a server that does not answer within the limit means no validator, said why).
    /// </summary>
    public CollectionValidator ReadValidator(string database, string collection)
    {
        using var limit = new CancellationTokenSource(ValidatorReadLimit);
        try
        {
            return new CollectionValidatorReader(_mongo, _options.MongoDb).Read(database, collection, limit.Token);
        }
        catch (OperationCanceledException)
        {
            return CollectionValidator.Unreadable(database, collection, $"listCollections did not answer within {ValidatorReadLimit.TotalSeconds:0} s");
        }
    }

    public IRecordPublisher CreatePublisher(IDeliveryListener listener, int maxInFlightEvents, IOversizeOutcomes oversizeOutcomes) =>
        new KafkaRecordPublisher(_options.Kafka, listener, maxInFlightEvents, _loggerFactory.CreateLogger<KafkaRecordPublisher>(), _options.Mapping.Oversize, _placements, oversizeOutcomes);

    public StartPosition ResolveStart(StoredCheckpoint? committed) => StartPositionResolver.Resolve(committed, _options.MongoDb.StartAt);

    public void Dispose()
    {
        CheckpointStore.Dispose();
        _mongo.Dispose();
    }

    private static string Describe(MongoDbOptions mongo)
    {
        var filter = mongo.IncludeNamespaces.Count == 0 ? string.Empty : $" (only {string.Join(", ", mongo.IncludeNamespaces)})";
        var excluded = mongo.ExcludeNamespaces.Count == 0 ? string.Empty : $" (except {string.Join(", ", mongo.ExcludeNamespaces)})";
        return $"{WatchTarget.From(mongo).Description}{filter}{excluded} at {MongoUriRedactor.Redact(mongo.Uri ?? string.Empty)}";
    }
}
