using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// Checkpoints as documents of a collection on the watched cluster, one per pipeline (<c>_id</c> = pipeline name),
/// through the process's MongoDB client (shared with the change stream: the driver's client is thread-safe). Save is
/// one upserting replace with write concern majority, so a saved checkpoint survives a failover; Load is a find by
/// <c>_id</c> with read concern majority. The document is written and read by <see cref="MongoDbCheckpointDocument"/>
/// as raw BSON, so the resume token is stored byte for byte. One writer: `cdc run` claims a lease with a fencing epoch
/// (<see cref="MongoDbWriterLease"/>) and every save is conditional on it.
/// </summary>
internal sealed class MongoDbCheckpointStore : ICheckpointStore, ISnapshotRequestChannel
{
    /// <summary>checkpoint.collection when unset: a database of the bridge's own, apart from the application's data.</summary>
    public const string DefaultCollection = "cdc.checkpoints";

    private readonly MongoConnection _mongo;
    private readonly string _pipeline;
    private readonly string _database;
    private readonly string _collectionName;
    private readonly CheckpointLocation _location;
    private readonly TimeSpan _leaseDuration;
    private MongoDbWriterLease? _lease;

    public MongoDbCheckpointStore(MongoConnection mongo, string collectionNamespace, string pipeline)
        : this(mongo, collectionNamespace, pipeline, MongoDbWriterLease.Duration)
    {
    }

    // leaseDuration: how long a claim lasts unrenewed (tests shorten it).
    public MongoDbCheckpointStore(MongoConnection mongo, string collectionNamespace, string pipeline, TimeSpan leaseDuration)
    {
        _leaseDuration = leaseDuration;
        ArgumentNullException.ThrowIfNull(mongo);
        ArgumentNullException.ThrowIfNull(collectionNamespace);
        var dot = collectionNamespace.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == collectionNamespace.Length - 1)
        {
            throw new CheckpointStoreException($"The checkpoint collection '{collectionNamespace}' is not <database>.<collection>: fix 'checkpoint.collection'.");
        }

        _mongo = mongo;
        _pipeline = pipeline;
        _database = collectionNamespace[..dot];
        _collectionName = collectionNamespace[(dot + 1)..];
        Description = $"mongodb collection {collectionNamespace} _id {pipeline}";
        _location = new CheckpointLocation(
            Description,
            $"delete that document (db.getSiblingDB(\"{_database}\").getCollection(\"{_collectionName}\").deleteOne({{_id: \"{pipeline}\"}})) to start from mongodb.startAt, losing the position");
    }

    public string Description { get; }

    public async Task<StoredCheckpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        RawBsonDocument? document;
        try
        {
            document = await Collection().Find(ById(_pipeline)).Limit(1).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failed("load", ex);
        }

        if (document is null)
        {
            return null;
        }

        using (document)
        {
            return MongoDbCheckpointDocument.Read(Bytes(document), _pipeline, _location);
        }
    }

    public async Task SaveAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var document = MongoDbCheckpointDocument.ToBson(checkpoint with { Pipeline = _pipeline });
        if (_lease is not { } lease)
        {
            await UpsertAsync(_pipeline, document, "save", cancellationToken).ConfigureAwait(false);
            return;
        }

        var (filter, fenced) = lease.Fence(document);
        try
        {
            using var replacement = new RawBsonDocument(fenced);
            await Collection().ReplaceOneAsync(filter, replacement, new ReplaceOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            // The filter missed the checkpoint because a newer epoch wrote it, so the upsert collided with it.
            throw lease.SaveFenced();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failed("save", ex);
        }
    }

    /// <summary>Upserts then deletes a document with _id "{pipeline}.cdc-check-probe", both with write concern majority as a save.</summary>
    public async Task ClaimWriterAsync(CancellationToken cancellationToken)
    {
        var collection = _mongo.Client.GetDatabase(_database).GetCollection<BsonDocument>(_collectionName)
            .WithWriteConcern(WriteConcern.WMajority)
            .WithReadConcern(ReadConcern.Majority);
        var lease = new MongoDbWriterLease(collection, _pipeline, _leaseDuration);
        try
        {
            await lease.ClaimAsync(Description, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or CheckpointStoreException))
        {
            throw Failed("claim the one-writer lease of", ex);
        }

        _lease = lease;
    }

    public async Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        const string Operation = "write a probe beside";
        var probeId = _pipeline + ".cdc-check-probe";
        var probe = new BsonDocument { { "_id", probeId }, { "probe", true } };
        await UpsertAsync(probeId, probe.ToBson(), Operation, cancellationToken).ConfigureAwait(false);
        try
        {
            await Collection().DeleteOneAsync(ById(probeId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failed(Operation, ex);
        }
    }

    /// <summary>The request is the document {_id: "{pipeline}.snapshot-request", requestId, json} beside the checkpoint.</summary>
    public async Task SendAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = new BsonDocument
        {
            { "_id", RequestId },
            { "requestId", request.Id },
            { "json", System.Text.Encoding.UTF8.GetString(SnapshotRequestCodec.Encode(_pipeline, request)) },
        };
        await UpsertAsync(RequestId, document.ToBson(), "write a snapshot request beside", cancellationToken).ConfigureAwait(false);
    }

    public async Task<SnapshotRequest?> ReceiveAsync(CancellationToken cancellationToken)
    {
        RawBsonDocument? document;
        try
        {
            document = await Collection().Find(ById(RequestId)).Limit(1).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failed("read the snapshot request beside", ex);
        }

        if (document is null)
        {
            return null;
        }

        using (document)
        {
            var json = document.TryGetValue("json", out var value) && value.IsString ? value.AsString : string.Empty;
            return SnapshotRequestCodec.Decode(System.Text.Encoding.UTF8.GetBytes(json), _pipeline, $"{Description} (_id {RequestId})");
        }
    }

    public async Task AcknowledgeAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var filter = Builders<RawBsonDocument>.Filter.And(ById(RequestId), Builders<RawBsonDocument>.Filter.Eq("requestId", request.Id));
            await Collection().DeleteOneAsync(filter, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failed("remove the snapshot request beside", ex);
        }
    }

    private string RequestId => _pipeline + ".snapshot-request";

    /// <summary>Lets the lease go; the client belongs to the process (<see cref="MongoConnection"/>).</summary>
    public void Dispose()
    {
        _lease?.Dispose();
        _lease = null;
    }

    private async Task UpsertAsync(string id, byte[] document, string operation, CancellationToken cancellationToken)
    {
        try
        {
            using var replacement = new RawBsonDocument(document);
            await Collection().ReplaceOneAsync(ById(id), replacement, new ReplaceOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failed(operation, ex);
        }
    }

    private IMongoCollection<RawBsonDocument> Collection() =>
        _mongo.Client.GetDatabase(_database)
            .GetCollection<RawBsonDocument>(_collectionName)
            .WithWriteConcern(WriteConcern.WMajority)
            .WithReadConcern(ReadConcern.Majority);

    private static FilterDefinition<RawBsonDocument> ById(string id) => Builders<RawBsonDocument>.Filter.Eq("_id", id);

    private static byte[] Bytes(RawBsonDocument document)
    {
        var slice = document.Slice;
        var bytes = new byte[slice.Length];
        slice.GetBytes(0, bytes, 0, bytes.Length);
        return bytes;
    }

    private CheckpointStoreException Failed(string operation, Exception error)
    {
        var failure = _mongo.Translate(error, $"MongoDB ({operation} the checkpoint)");
        var reason = failure is MongoFailureException mongo ? mongo.Reason : failure.Message;
        return new CheckpointStoreException($"Cannot {operation} the checkpoint in {Description}: {reason}", failure);
    }
}
