using System.Text;
using Cdc.Connector.Interop.Mongoc;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// Checkpoints as documents of a collection on the watched cluster, one per pipeline (<c>_id</c> = pipeline name).
/// Save is one upserting <c>update</c> with writeConcern majority, so a saved checkpoint survives a failover; Load
/// is a <c>find</c> by <c>_id</c> with readConcern majority. The store has its own client: libmongoc clients are
/// single-threaded and the change stream's is busy.
/// </summary>
internal sealed class MongoDbCheckpointStore : ICheckpointStore
{
    /// <summary>checkpoint.collection when unset: a database of the bridge's own, apart from the application's data.</summary>
    public const string DefaultCollection = "cdc.checkpoints";

    private readonly string _database;
    private readonly string _collection;
    private readonly string _pipeline;
    private readonly MongoClient _client;
    private readonly CheckpointLocation _location;
    private readonly SemaphoreSlim _clientLock = new(1, 1);

    public MongoDbCheckpointStore(string uri, string collectionNamespace, string pipeline)
    {
        var dot = collectionNamespace.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == collectionNamespace.Length - 1)
        {
            throw new CheckpointStoreException($"The checkpoint collection '{collectionNamespace}' is not <database>.<collection>: fix 'checkpoint.collection'.");
        }

        _database = collectionNamespace[..dot];
        _collection = collectionNamespace[(dot + 1)..];
        _pipeline = pipeline;
        Description = $"mongodb collection {collectionNamespace} _id {pipeline}";
        _location = new CheckpointLocation(
            Description,
            $"delete that document (db.getSiblingDB(\"{_database}\").getCollection(\"{_collection}\").deleteOne({{_id: \"{pipeline}\"}})) to start from mongodb.startAt, losing the position");
        try
        {
            _client = MongoClient.Create(uri, "cdc-checkpoint");
        }
        catch (MongoException ex)
        {
            throw new CheckpointStoreException($"Cannot use the checkpoint store {Description}: {ex.Message}", ex);
        }
    }

    public string Description { get; }

    public async Task<StoredCheckpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        var command = new BsonWriter();
        command.WriteStartDocument();
        command.WriteString("find", _collection);
        command.WriteStartDocument("filter");
        command.WriteString("_id", _pipeline);
        command.WriteEndDocument();
        command.WriteInt32("limit", 1);
        command.WriteBoolean("singleBatch", true);
        command.WriteStartDocument("readConcern");
        command.WriteString("level", "majority");
        command.WriteEndDocument();
        command.WriteEndDocument();
        var reply = await RunAsync(command.ToArray(), "load", cancellationToken);
        try
        {
            return FirstDocument(reply) is { } document ? MongoDbCheckpointDocument.Read(document, _pipeline, _location) : null;
        }
        catch (BsonFormatException ex)
        {
            throw new CheckpointStoreException($"Cannot load the checkpoint from {Description}: the server's reply is not valid BSON ({ex.Message}).", ex);
        }
    }

    public async Task SaveAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var command = UpsertCommand(_pipeline, (writer, name) => MongoDbCheckpointDocument.Write(writer, name, checkpoint with { Pipeline = _pipeline }));
        var reply = await RunAsync(command, "save", cancellationToken);
        CheckWriteReply(reply);
    }

    /// <summary>Upserts then deletes a document with _id "{pipeline}.cdc-check-probe", both with write concern majority as a save.</summary>
    public async Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        var probeId = _pipeline + ".cdc-check-probe";
        var upsert = UpsertCommand(probeId, (writer, name) =>
        {
            writer.WriteStartDocument(name);
            writer.WriteString("_id", probeId);
            writer.WriteBoolean("probe", true);
            writer.WriteEndDocument();
        });
        CheckWriteReply(await RunAsync(upsert, "write a probe beside", cancellationToken));

        var delete = new BsonWriter();
        delete.WriteStartDocument();
        delete.WriteString("delete", _collection);
        delete.WriteStartArray("deletes");
        delete.WriteStartDocument();
        delete.WriteStartDocument("q");
        delete.WriteString("_id", probeId);
        delete.WriteEndDocument();
        delete.WriteInt32("limit", 1);
        delete.WriteEndDocument();
        delete.WriteEndArray();
        WriteMajority(delete);
        delete.WriteEndDocument();
        CheckWriteReply(await RunAsync(delete.ToArray(), "write a probe beside", cancellationToken));
    }

    public void Dispose()
    {
        _client.Dispose();
        _clientLock.Dispose();
    }

    private async Task<byte[]> RunAsync(byte[] command, string operation, CancellationToken cancellationToken)
    {
        await _clientLock.WaitAsync(cancellationToken);
        try
        {
            // libmongoc blocks (server selection, I/O): keep it off the caller's thread.
            return await Task.Run(() => _client.RunCommand(_database, command), cancellationToken);
        }
        catch (MongoException ex)
        {
            throw new CheckpointStoreException($"Cannot {operation} the checkpoint in {Description}: {ex.Message}", ex);
        }
        finally
        {
            _clientLock.Release();
        }
    }

    /// <summary>update {_id: id} with the replacement <paramref name="writeReplacement"/> writes under the given name, upsert, w:majority.</summary>
    private byte[] UpsertCommand(string id, Action<BsonWriter, string> writeReplacement)
    {
        var command = new BsonWriter();
        command.WriteStartDocument();
        command.WriteString("update", _collection);
        command.WriteStartArray("updates");
        command.WriteStartDocument();
        command.WriteStartDocument("q");
        command.WriteString("_id", id);
        command.WriteEndDocument();
        writeReplacement(command, "u");
        command.WriteBoolean("upsert", true);
        command.WriteEndDocument();
        command.WriteEndArray();
        command.WriteBoolean("ordered", true);
        WriteMajority(command);
        command.WriteEndDocument();
        return command.ToArray();
    }

    private static void WriteMajority(BsonWriter command)
    {
        command.WriteStartDocument("writeConcern");
        command.WriteString("w", "majority");
        command.WriteEndDocument();
    }

    /// <summary>A write command answers ok:1 even when the write failed: the failure is in writeErrors or writeConcernError.</summary>
    private void CheckWriteReply(byte[] reply)
    {
        var reader = new BsonReader(reply);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("writeErrors"u8) || element.NameEquals("writeConcernError"u8))
            {
                throw new CheckpointStoreException(
                    $"Cannot save the checkpoint in {Description}: the server reported {Encoding.UTF8.GetString(element.Name)} {Schemas.ExtendedJson.ExtendedJsonWriter.ToJson(reply, Schemas.ExtendedJson.ExtendedJsonMode.Relaxed)}.");
            }
        }
    }

    /// <summary>cursor.firstBatch[0] of a find reply, or null when the batch is empty.</summary>
    private byte[]? FirstDocument(byte[] reply)
    {
        var reader = new BsonReader(reply);
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("cursor"u8) && reader.Current.Type == BsonType.Document)
            {
                var cursor = reader.Current.GetDocumentReader();
                while (cursor.MoveNext())
                {
                    if (cursor.Current.NameEquals("firstBatch"u8) && cursor.Current.Type == BsonType.Array)
                    {
                        var batch = cursor.Current.GetDocumentReader();
                        if (!batch.MoveNext())
                        {
                            return null;
                        }

                        return batch.Current.Type == BsonType.Document
                            ? batch.Current.Value.ToArray()
                            : throw CheckpointCodec.Invalid(_location, $"the stored checkpoint is a {batch.Current.Type}, not a document");
                    }
                }
            }
        }

        throw new CheckpointStoreException($"Cannot load the checkpoint from {Description}: the find reply has no cursor.firstBatch.");
    }
}
