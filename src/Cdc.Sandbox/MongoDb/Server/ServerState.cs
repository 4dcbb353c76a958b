using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.FailPoints;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Sandbox.MongoDb.Transactions;

namespace Cdc.Sandbox.MongoDb.Server;

/// <summary>Everything the connections share: data, cursors, the node's identity.</summary>
internal sealed class ServerState
{
    private int _lastConnectionId;

    public ServerState(MongoServerOptions options, ReplicaSetIdentity identity)
    {
        Options = options;
        Identity = identity;
        Catalog = new Catalog(options.OplogCapacity, options.Time);
        Cursors = new CursorRegistry(options.Time);
        Replication = new ReplicationState(identity, Cursors, options);
        Transactions = new TransactionRegistry(Catalog);
        Security = new SecurityState(options);
    }

    public MongoServerOptions Options { get; }

    public ReplicaSetIdentity Identity { get; }

    public Catalog Catalog { get; }

    public CursorRegistry Cursors { get; }

    /// <summary>Primary or (after replSetStepDown, briefly) secondary.</summary>
    public ReplicationState Replication { get; }

    /// <summary>Multi-document transactions by session.</summary>
    public TransactionRegistry Transactions { get; }

    /// <summary>Results of retryable writes by session, so a retry does not write twice.</summary>
    public RetryableWriteRegistry RetryableWrites { get; } = new();

    /// <summary>Test fail points (configureFailPoint), applied by the command dispatcher.</summary>
    public FailPointRegistry FailPoints { get; } = new();

    /// <summary>Users, authenticated connections and cursor owners (checked only when authentication is required).</summary>
    public SecurityState Security { get; }

    public int NextConnectionId() => Interlocked.Increment(ref _lastConnectionId);
}
