using Cdc.Connector.Configuration;
using Cdc.Connector.Source;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// Reads existing documents for snapshots through the official driver: lists the collections of the stream's scope, and
/// reads chunks as <c>find</c> sorted by <c>_id</c> with a limit after the last <c>_id</c> (keyset pagination: the _id
/// index serves it, however large the collection), readConcern majority, as <see cref="RawBsonDocument"/> so nothing is
/// parsed. The chunk's high watermark is the cluster time the server reported after the read.
/// </summary>
internal sealed class MongoSnapshotReader : ISnapshotReader
{
    private static readonly string[] InternalDatabases = ["admin", "config", "local"];
    private static readonly BsonDocument ByIdAscending = new("_id", 1);

    private readonly MongoConnection _connection;
    private readonly WatchTarget _target;
    private readonly NamespaceScope _streamScope;
    private readonly NamespaceScope _snapshotScope;

    public MongoSnapshotReader(MongoConnection connection, MongoDbOptions mongo, SnapshotOptions snapshot)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(mongo);
        ArgumentNullException.ThrowIfNull(snapshot);
        _connection = connection;
        _target = WatchTarget.From(mongo);
        _streamScope = new NamespaceScope(mongo.IncludeNamespaces, mongo.ExcludeNamespaces, "mongodb.includeNamespaces", "mongodb.excludeNamespaces");
        _snapshotScope = new NamespaceScope(snapshot.IncludeNamespaces, snapshot.ExcludeNamespaces, "snapshot.includeNamespaces", "snapshot.excludeNamespaces");
    }

    public IReadOnlyList<SnapshotNamespace> ListCollections(CancellationToken cancellationToken) =>
        List("to snapshot", cancellationToken).Where(c => _snapshotScope.Allows(c.Database, c.Collection)).ToList();

    /// <summary>
    /// The collections whose change events the stream publishes: those of its scope that mongodb.includeNamespaces and
    /// excludeNamespaces take in (snapshot.* filters do not apply), by name; for a collection-scope stream the configured
    /// collection, whether it exists yet or not. Views and system collections are left out: they have no change events.
    /// </summary>
    public IReadOnlyList<SnapshotNamespace> ListWatchedCollections(CancellationToken cancellationToken) =>
        List("to register their schemas", cancellationToken);

    private List<SnapshotNamespace> List(string purpose, CancellationToken cancellationToken)
    {
        var found = new List<SnapshotNamespace>();
        try
        {
            var client = _connection.Client;
            var databases = _target.Database is { } database
                ? [database]
                : client.ListDatabaseNames(cancellationToken).ToList(cancellationToken).Where(name => !InternalDatabases.Contains(name)).ToList();
            foreach (var name in databases)
            {
                if (_target.Collection is { } collection)
                {
                    found.Add(new SnapshotNamespace(name, collection));
                    continue;
                }

                // Views have no documents of their own and time series collections no change events: only collections.
                var options = new ListCollectionNamesOptions { Filter = new BsonDocument("type", "collection") };
                foreach (var collectionName in client.GetDatabase(name).ListCollectionNames(options, cancellationToken).ToList(cancellationToken))
                {
                    if (!collectionName.StartsWith("system.", StringComparison.Ordinal))
                    {
                        found.Add(new SnapshotNamespace(name, collectionName));
                    }
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw _connection.Translate(error, $"Listing the collections of {_target.Description} {purpose}");
        }

        return found
            .Where(c => _streamScope.Allows(c.Database, c.Collection))
            .OrderBy(c => c.Database, StringComparer.Ordinal)
            .ThenBy(c => c.Collection, StringComparer.Ordinal)
            .ToList();
    }

    public SnapshotChunk ReadChunk(SnapshotNamespace collection, byte[]? lastId, int limit, CancellationToken cancellationToken)
    {
        var documents = new List<byte[]>(Math.Min(limit, 4096));
        try
        {
            var client = _connection.Client;
            var source = client.GetDatabase(collection.Database)
                .WithReadConcern(ReadConcern.Majority)
                .GetCollection<RawBsonDocument>(collection.Collection);
            using var session = client.StartSession(new ClientSessionOptions { CausalConsistency = false }, cancellationToken);
            if (lastId is null)
            {
                Read(source, session, new BsonDocument(), limit, documents, cancellationToken);
            }
            else
            {
                var last = BsonSerializer.Deserialize<BsonDocument>(lastId)["_id"];
                Read(source, session, After(last), limit, documents, cancellationToken);

                // $gt stops at the end of its type bracket: the _ids of later BSON types follow in MongoDB's order. A
                // MinKey operand is the exception: $gt MinKey already spans every type.
                var laterTypes = last.IsBsonMinKey ? [] : BsonTypeBrackets.TypesAfter(last.BsonType);
                if (documents.Count < limit && laterTypes.Count > 0)
                {
                    var filter = new BsonDocument("_id", new BsonDocument("$type", laterTypes));
                    Read(source, session, filter, limit - documents.Count, documents, cancellationToken);
                }
            }

            return new SnapshotChunk(documents, ReadTime(session, collection), isLast: documents.Count < limit);
        }
        catch (Exception error) when (error is not OperationCanceledException and not MongoFailureException)
        {
            throw _connection.Translate(error, $"Reading a snapshot chunk of {collection}");
        }
    }

    public long? EstimateCount(SnapshotNamespace collection, CancellationToken cancellationToken)
    {
        try
        {
            return _connection.Client.GetDatabase(collection.Database).GetCollection<RawBsonDocument>(collection.Collection)
                .EstimatedDocumentCount(cancellationToken: cancellationToken);
        }
        catch (MongoException)
        {
            // An estimate is for progress reports only: without one, progress shows rows without a total.
            return null;
        }
    }

    /// <summary>
    /// The filter for every <c>_id</c> after <paramref name="last"/> within its type bracket. NaN sorts before every other
    /// number but compares false with all of them (mongod matches only NaN with $gte/$lte NaN), so after a NaN the
    /// numbers continue from −∞ inclusive.
    /// </summary>
    private static BsonDocument After(BsonValue last)
    {
        var isNaN = (last.IsDouble && double.IsNaN(last.AsDouble)) || (last.IsDecimal128 && Decimal128.IsNaN(last.AsDecimal128));
        return isNaN
            ? new BsonDocument("_id", new BsonDocument("$gte", double.NegativeInfinity))
            : new BsonDocument("_id", new BsonDocument("$gt", last));
    }

    private static void Read(
        IMongoCollection<RawBsonDocument> source, IClientSessionHandle session, BsonDocument filter, int limit, List<byte[]> documents, CancellationToken cancellationToken)
    {
        var options = new FindOptions<RawBsonDocument> { Sort = ByIdAscending, Limit = limit, BatchSize = limit };
        using var cursor = source.FindSync(session, filter, options, cancellationToken);
        while (cursor.MoveNext(cancellationToken))
        {
            foreach (var document in cursor.Current)
            {
                using (document)
                {
                    var slice = document.Slice;
                    var bytes = new byte[slice.Length];
                    slice.GetBytes(0, bytes, 0, bytes.Length);
                    documents.Add(bytes);
                }
            }
        }
    }

    /// <summary>
    /// The cluster time after the read (from the replies' $clusterTime, else their operationTime): the read saw a state at
    /// or before it. A deployment that reports neither cannot run change streams either.
    /// </summary>
    private static Cdc.Schemas.Bson.BsonTimestamp ReadTime(IClientSessionHandle session, SnapshotNamespace collection)
    {
        MongoDB.Bson.BsonTimestamp? time = null;
        if (session.ClusterTime is { } clusterTime && clusterTime.TryGetValue("clusterTime", out var value) && value.IsBsonTimestamp)
        {
            time = value.AsBsonTimestamp;
        }

        if (session.OperationTime is { } operationTime && (time is null || operationTime.CompareTo(time) > 0))
        {
            time = operationTime;
        }

        return time is null
            ? throw new MongoFailureException(
                MongoFailureKind.UnsupportedDeployment,
                $"Reading a snapshot chunk of {collection}",
                "the reply has neither $clusterTime nor operationTime: snapshots (and change streams) need a replica set or a sharded cluster",
                null,
                null,
                null)
            : new Cdc.Schemas.Bson.BsonTimestamp((uint)time.Timestamp, (uint)time.Increment);
    }
}
