using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>
/// Databases → collections → documents, plus the oplog. One lock serialises every write and its oplog append, so the
/// oplog order is the commit order and cluster times are strictly increasing along it. Commands hold the lock
/// (<see cref="EnterLock"/>) across a whole statement; reads take what they need while holding it — a collection's
/// immutable document set (<see cref="CollectionStore.Snapshot"/>), which they may then walk after releasing it.
/// </summary>
internal sealed class Catalog
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, SortedDictionary<string, CollectionStore>> _databases = new(StringComparer.Ordinal);
    private readonly AsyncLocal<TransactionWriteLog?> _transaction = new();
    private BsonTimestamp? _sharedClusterTime;

    public Catalog(int oplogCapacity, TimeProvider time)
    {
        Oplog = new Oplog(oplogCapacity);
        Clock = new ClusterClock(time);
    }

    public Oplog Oplog { get; }

    public ClusterClock Clock { get; }

    public Lock.Scope EnterLock() => _lock.EnterScope();

    /// <summary>
    /// Until the returned scope is disposed, every entry logged gets one cluster time, as all operations of a committed
    /// multi-document transaction do (their order stays in the entries' sequence numbers). Call under the lock.
    /// </summary>
    public SharedClusterTimeScope ShareClusterTime()
    {
        if (_sharedClusterTime is not null)
        {
            throw new InvalidOperationException("A shared cluster time is already in effect; commit groups do not nest.");
        }

        _sharedClusterTime = Clock.Tick();
        return new SharedClusterTimeScope(this);
    }

    internal void EndSharedClusterTime() => _sharedClusterTime = null;

    /// <summary>
    /// The transaction the current statement (this async flow) writes for: its changes reach the stores at once (so
    /// later statements of the transaction read them), but their oplog entries wait in the log for commit.
    /// </summary>
    public TransactionWriteLog? CurrentTransaction
    {
        get => _transaction.Value;
        set => _transaction.Value = value;
    }

    /// <summary>Logs a committed transaction's entries in statement order, all under one new cluster time.</summary>
    public void CommitTransaction(TransactionWriteLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        using var scope = EnterLock();
        if (log.Entries.Count == 0)
        {
            return;
        }

        using var group = ShareClusterTime();
        var clusterTime = NextClusterTime();
        var wallTime = Clock.WallTimeMilliseconds;
        foreach (var entry in log.Entries)
        {
            Oplog.Append(entry with { ClusterTime = clusterTime, WallTimeMilliseconds = wallTime, InTransaction = true });
        }

        log.Entries.Clear();
        log.Undo.Clear();
    }

    /// <summary>Undoes an aborted transaction's changes, newest first; nothing of it reaches the oplog.</summary>
    public void AbortTransaction(TransactionWriteLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        using var scope = EnterLock();
        for (var i = log.Undo.Count - 1; i >= 0; i--)
        {
            log.Undo[i]();
        }

        log.Entries.Clear();
        log.Undo.Clear();
    }

    public IReadOnlyList<string> DatabaseNames() => [.. _databases.Keys];

    public IReadOnlyList<CollectionStore> Collections(string database) =>
        _databases.TryGetValue(database, out var collections) ? [.. collections.Values] : [];

    public CollectionStore? Find(string database, string collection) =>
        _databases.TryGetValue(database, out var collections) && collections.TryGetValue(collection, out var store) ? store : null;

    /// <summary>The collection, created implicitly (as a write to a missing collection does) when absent.</summary>
    public CollectionStore GetOrCreate(string database, string collection, SessionInfo session) =>
        Find(database, collection) ?? Create(database, collection, new Doc(), session);

    public CollectionStore Create(string database, string collection, Doc options, SessionInfo session)
    {
        NamespaceRules.ValidateCollection(database, collection);
        if (Find(database, collection) is not null)
        {
            throw new CommandException(ErrorCodes.NamespaceExists, $"Collection {database}.{collection} already exists.");
        }

        if (!_databases.TryGetValue(database, out var collections))
        {
            collections = new SortedDictionary<string, CollectionStore>(StringComparer.Ordinal);
            _databases.Add(database, collections);
        }

        var store = new CollectionStore(database, collection, Guid.NewGuid(), options);
        collections.Add(collection, store);
        Append(OplogOperation.Create, store, session);
        CurrentTransaction?.Undo.Add(() =>
        {
            if (_databases.TryGetValue(database, out var owner) && owner.Remove(collection) && owner.Count == 0)
            {
                _databases.Remove(database);
            }
        });
        return store;
    }

    public void Modify(CollectionStore store, Doc newOptions, Doc change, SessionInfo session)
    {
        store.Options = newOptions;
        Oplog.Append(NewEntry(OplogOperation.Modify, store, session) with { OperationDescription = change });
    }

    /// <summary>Adds one index spec and logs it as a server does: one createIndexes entry per index.</summary>
    public void CreateIndex(CollectionStore store, Doc spec, SessionInfo session)
    {
        store.Indexes.Add(spec);
        Oplog.Append(NewEntry(OplogOperation.CreateIndexes, store, session) with { OperationDescription = IndexesDescription(spec) });
    }

    /// <summary>Removes one index spec, logged as one dropIndexes entry.</summary>
    public void DropIndex(CollectionStore store, Doc spec, SessionInfo session)
    {
        store.Indexes.Remove(spec);
        Oplog.Append(NewEntry(OplogOperation.DropIndexes, store, session) with { OperationDescription = IndexesDescription(spec) });
    }

    private static Doc IndexesDescription(Doc spec) => new Doc().Add("indexes", DocValue.FromArray([DocValue.FromDocument(spec.Clone())]));

    public bool Drop(string database, string collection, SessionInfo session)
    {
        var store = Find(database, collection);
        if (store is null)
        {
            return false;
        }

        _databases[database].Remove(collection);
        if (_databases[database].Count == 0)
        {
            _databases.Remove(database);
        }

        Append(OplogOperation.Drop, store, session);
        return true;
    }

    public bool DropDatabase(string database, SessionInfo session)
    {
        if (!_databases.TryGetValue(database, out var collections))
        {
            return false;
        }

        // A real server logs one drop per collection, then the dropDatabase itself.
        foreach (var store in collections.Values.ToList())
        {
            Drop(database, store.Name, session);
        }

        _databases.Remove(database);
        Oplog.Append(new OplogEntry
        {
            ClusterTime = NextClusterTime(),
            WallTimeMilliseconds = Clock.WallTimeMilliseconds,
            Operation = OplogOperation.DropDatabase,
            Database = database,
            Lsid = session.Lsid,
            TxnNumber = session.TxnNumber,
        });
        return true;
    }

    public void Rename(CollectionStore store, string targetDatabase, string targetCollection, bool dropTarget, SessionInfo session)
    {
        NamespaceRules.ValidateCollection(targetDatabase, targetCollection);
        if (Find(targetDatabase, targetCollection) is not null)
        {
            if (!dropTarget)
            {
                throw new CommandException(ErrorCodes.NamespaceExists, $"target namespace {targetDatabase}.{targetCollection} exists");
            }

            Drop(targetDatabase, targetCollection, session);
        }

        var sourceDatabase = store.Database;
        var sourceCollection = store.Name;
        _databases[sourceDatabase].Remove(sourceCollection);
        if (_databases[sourceDatabase].Count == 0)
        {
            _databases.Remove(sourceDatabase);
        }

        if (!_databases.TryGetValue(targetDatabase, out var targets))
        {
            targets = new SortedDictionary<string, CollectionStore>(StringComparer.Ordinal);
            _databases.Add(targetDatabase, targets);
        }

        var entry = NewEntry(OplogOperation.Rename, store, session) with { TargetDatabase = targetDatabase, TargetCollection = targetCollection };
        store.Database = targetDatabase;
        store.Name = targetCollection;
        targets.Add(targetCollection, store);
        Oplog.Append(entry);
    }

    public void Insert(CollectionStore store, Doc document, SessionInfo session)
    {
        if (!store.TryAdd(document))
        {
            throw DuplicateKey(store, document);
        }

        var id = CollectionStore.IdOf(document);
        Log(NewEntry(OplogOperation.Insert, store, session) with
        {
            DocumentKey = DocumentKeyOf(id),
            PostImage = DocCodec.Write(document),
        }, () => store.Remove(id));
    }

    /// <summary>Stores <paramref name="after"/> in place of <paramref name="before"/> (same _id) and logs an update or replace.</summary>
    public void Update(CollectionStore store, Doc before, Doc after, UpdateDescription? description, SessionInfo session)
    {
        store.Put(after);
        var id = CollectionStore.IdOf(after);
        Log(NewEntry(description is null ? OplogOperation.Replace : OplogOperation.Update, store, session) with
        {
            DocumentKey = DocumentKeyOf(id),
            PostImage = DocCodec.Write(after),
            PreImage = store.PreAndPostImagesEnabled ? DocCodec.Write(before) : null,
            UpdateDescription = description,
        }, () => store.Put(before));
    }

    public void Delete(CollectionStore store, Doc document, SessionInfo session)
    {
        var id = CollectionStore.IdOf(document);
        store.Remove(id);
        Log(NewEntry(OplogOperation.Delete, store, session) with
        {
            DocumentKey = DocumentKeyOf(id),
            PreImage = store.PreAndPostImagesEnabled ? DocCodec.Write(document) : null,
        }, () => store.TryAdd(document));
    }

    public static CommandException DuplicateKey(CollectionStore store, Doc document) =>
        new(ErrorCodes.DuplicateKey, $"E11000 duplicate key error collection: {store.Namespace} index: _id_ dup key: {{ _id: {CollectionStore.IdOf(document)} }}");

    private BsonTimestamp NextClusterTime() => _sharedClusterTime ?? Clock.Tick();

    private static byte[] DocumentKeyOf(DocValue id) => DocCodec.Write(new Doc().Add("_id", id));

    private void Append(OplogOperation operation, CollectionStore store, SessionInfo session) =>
        Log(NewEntry(operation, store, session) with
        {
            OperationDescription = operation == OplogOperation.Create ? store.Options.Clone() : null,
        }, undo: null);

    /// <summary>Appends to the oplog, or inside a transaction holds the entry for commit and keeps its undo.</summary>
    private void Log(OplogEntry entry, Action? undo)
    {
        var transaction = CurrentTransaction;
        if (transaction is null)
        {
            Oplog.Append(entry);
            return;
        }

        transaction.Entries.Add(entry);
        if (undo is not null)
        {
            transaction.Undo.Add(undo);
        }
    }

    private OplogEntry NewEntry(OplogOperation operation, CollectionStore store, SessionInfo session) => new()
    {
        ClusterTime = NextClusterTime(),
        WallTimeMilliseconds = Clock.WallTimeMilliseconds,
        Operation = operation,
        Database = store.Database,
        Collection = store.Name,
        CollectionUuid = store.Uuid,
        PreAndPostImagesEnabled = store.PreAndPostImagesEnabled,
        Lsid = session.Lsid,
        TxnNumber = session.TxnNumber,
        InTransaction = _sharedClusterTime is not null,
    };

    /// <summary>The timestamp type is the cluster time's; exposed for replies' operationTime.</summary>
    public BsonTimestamp OperationTime => Clock.Current;
}
