using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Runs commands through the real dispatcher against an in-memory server state, without sockets.</summary>
internal sealed class CommandHarness
{
    private readonly CommandDispatcher _dispatcher;

    public CommandHarness(int oplogCapacity = 10_000, TimeProvider? time = null)
    {
        var options = new MongoServerOptions { OplogCapacity = oplogCapacity, Time = time ?? TimeProvider.System };
        State = new ServerState(options, new ReplicaSetIdentity("rs0", "127.0.0.1:27017", new byte[12]));
        _dispatcher = CommandDispatcher.CreateDefault(State);
    }

    public ServerState State { get; }

    public Catalog Catalog => State.Catalog;

    public async Task<Doc> RunAsync(Doc command, string database = "test", int connectionId = 1)
    {
        command.Add("$db", database);
        return await _dispatcher.ExecuteAsync(command, null, connectionId, CancellationToken.None);
    }

    public async Task<Doc> RunOkAsync(Doc command, string database = "test", int connectionId = 1)
    {
        var reply = await RunAsync(command, database, connectionId);
        Assert.True(reply["ok"]!.Double == 1.0, $"command failed: {reply}");
        return reply;
    }

    /// <summary>Runs a find/aggregate and follows its cursor with getMore to the end.</summary>
    public async Task<List<Doc>> ReadAllAsync(Doc command, string database = "test")
    {
        var reply = await RunOkAsync(command, database);
        var cursor = reply["cursor"]!.Document;
        var documents = cursor["firstBatch"]!.Array.ConvertAll(item => DocCodec.Read(item.Bytes));
        var collection = cursor["ns"]!.String[(database.Length + 1)..];
        while (cursor["id"]!.Int64 != 0)
        {
            reply = await RunOkAsync(new Doc().Add("getMore", cursor["id"]!.Int64).Add("collection", collection).Add("batchSize", 3), database);
            cursor = reply["cursor"]!.Document;
            documents.AddRange(cursor["nextBatch"]!.Array.ConvertAll(item => DocCodec.Read(item.Bytes)));
        }

        return documents;
    }

    public List<OplogEntry> Oplog()
    {
        var entries = new List<OplogEntry>();
        Catalog.Oplog.Read(Catalog.Oplog.FirstRetainedSequence, entries, int.MaxValue);
        return entries;
    }

    public static DocValue Array(params DocValue[] items) => DocValue.FromArray([.. items]);

    public static DocValue D(Doc document) => DocValue.FromDocument(document);

    public static DocValue I(int value) => DocValue.FromInt32(value);

    public static DocValue S(string value) => DocValue.FromString(value);
}
