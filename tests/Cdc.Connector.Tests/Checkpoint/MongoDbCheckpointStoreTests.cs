using Cdc.Connector.Checkpoint;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.MongoDb;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Schemas.ExtendedJson;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.Checkpoint;

public sealed class MongoDbCheckpointStoreTests : IDisposable
{
    private readonly List<MongoConnection> _connections = [];

    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }

    [Fact]
    public async Task No_document_loads_as_no_checkpoint()
    {
        await using var server = MongoServer.Start();
        using var store = new MongoDbCheckpointStore(Connect(server.ConnectionString), "cdc.checkpoints", "orders");

        Assert.Null(await store.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Saves_upsert_one_document_per_pipeline_and_load_back()
    {
        await using var server = MongoServer.Start();
        using (var orders = new MongoDbCheckpointStore(Connect(server.ConnectionString), "cdc.checkpoints", "orders"))
        using (var billing = new MongoDbCheckpointStore(Connect(server.ConnectionString), "cdc.checkpoints", "billing"))
        {
            await orders.SaveAsync(Checkpoints.WithTime("orders", 1_700_000_000, 4), CancellationToken.None);
            await billing.SaveAsync(Checkpoints.WithToken("billing", "82BB"), CancellationToken.None);
            await orders.SaveAsync(Checkpoints.WithToken("orders", "82AA", isInvalidate: true), CancellationToken.None);
        }

        using var reopened = new MongoDbCheckpointStore(Connect(server.ConnectionString), "cdc.checkpoints", "orders");
        Assert.Equal(Checkpoints.WithToken("orders", "82AA", isInvalidate: true), await reopened.LoadAsync(CancellationToken.None));
        Assert.Equal(2, Find(server, "cdc", "checkpoints", "{}").Length);
    }

    [Fact]
    public async Task The_document_keeps_the_token_as_bson_and_the_time_as_bson_types()
    {
        await using var server = MongoServer.Start();
        using var store = new MongoDbCheckpointStore(Connect(server.ConnectionString), "ops.offsets", "orders");
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
        await store.SaveAsync(Checkpoints.WithTime("orders", 1_700_000_000, 4), CancellationToken.None);

        var document = Assert.Single(Find(server, "ops", "offsets", """{"_id": "orders"}"""));

        Assert.Equal(
            """{"_id":"orders","version":{"$numberInt":"2"},"resumeToken":null,"startAfter":false,"operationTime":{"$timestamp":{"t":1700000000,"i":4}},"committedAt":{"$date":{"$numberLong":"1795304536123"}},"snapshot":null}""",
            ExtendedJsonWriter.ToJson(document, ExtendedJsonMode.Canonical));
    }

    [Fact]
    public async Task A_token_holding_every_bson_type_survives_byte_for_byte()
    {
        await using var server = MongoServer.Start();
        using var store = new MongoDbCheckpointStore(Connect(server.ConnectionString), "cdc.checkpoints", "orders");
        var token = Checkpoints.ExoticToken();

        await store.SaveAsync(new StoredCheckpoint("orders", ResumePosition.FromToken(token, false), Checkpoints.CommittedAt), CancellationToken.None);

        Assert.Equal(token, (await store.LoadAsync(CancellationToken.None))!.Position.Token);
    }

    [Fact]
    public async Task Snapshot_progress_with_ids_of_many_bson_types_survives_byte_for_byte()
    {
        await using var server = MongoServer.Start();
        var checkpoint = Checkpoints.WithSnapshot("orders");
        using (var store = new MongoDbCheckpointStore(Connect(server.ConnectionString), "cdc.checkpoints", "orders"))
        {
            await store.SaveAsync(checkpoint, CancellationToken.None);
        }

        using var reopened = new MongoDbCheckpointStore(Connect(server.ConnectionString), "cdc.checkpoints", "orders");
        var loaded = await reopened.LoadAsync(CancellationToken.None);

        Assert.Equal(checkpoint, loaded);
        Assert.Equal(checkpoint.Snapshot!.Collections.Select(c => c.LastId), loaded!.Snapshot!.Collections.Select(c => c.LastId));
    }

    [Theory]
    [InlineData(MongoDbCheckpointDocumentTests.Version1Token, true)]
    [InlineData(MongoDbCheckpointDocumentTests.Version1Time, false)]
    public async Task A_version_1_document_loads_with_no_snapshot_progress_and_the_next_save_writes_version_2(string writtenByTheReleaseBefore, bool hasToken)
    {
        await using var server = MongoServer.Start();
        using (var client = new MongoClient(server.ConnectionString))
        {
            using var document = new RawBsonDocument(Convert.FromHexString(writtenByTheReleaseBefore));
            client.GetDatabase("cdc").GetCollection<RawBsonDocument>("checkpoints").InsertOne(document);
        }

        using var store = new MongoDbCheckpointStore(Connect(server.ConnectionString), "cdc.checkpoints", "orders");
        var loaded = await store.LoadAsync(CancellationToken.None);
        Assert.Null(loaded!.Snapshot);
        Assert.Equal(hasToken ? Checkpoints.WithToken("orders", "8265A1B2C3", isInvalidate: true) : Checkpoints.WithTime("orders", 1_700_000_000, 4), loaded);

        await store.SaveAsync(loaded with { Snapshot = Checkpoints.Snapshot() }, CancellationToken.None);
        var stored = Assert.Single(Find(server, "cdc", "checkpoints", """{"_id": "orders"}"""));
        Assert.Contains("\"version\":{\"$numberInt\":\"2\"}", ExtendedJsonWriter.ToJson(stored, ExtendedJsonMode.Canonical), StringComparison.Ordinal);
        Assert.Equal(Checkpoints.Snapshot(), (await store.LoadAsync(CancellationToken.None))!.Snapshot);
    }

    [Theory]
    [InlineData("""{"_id": "orders", "version": 1}""", "it lacks one of _id, version, resumeToken, startAfter, operationTime, committedAt")]
    [InlineData("""{"_id": "orders", "version": 3, "resumeToken": null, "startAfter": false, "operationTime": {"$timestamp": {"t": 1, "i": 1}}, "committedAt": {"$date": {"$numberLong": "0"}}, "snapshot": null}""", "it is version 3, and this connector reads versions 1 and 2 (written by a newer release?)")]
    [InlineData("""{"_id": "orders", "version": "1"}""", "'version' must be the int32 1 or 2; got String")]
    [InlineData("""{"_id": "orders", "version": 1, "resumeToken": "82AA", "startAfter": false, "operationTime": null, "committedAt": {"$date": {"$numberLong": "0"}}}""", "'resumeToken' must be a document or null; got String")]
    [InlineData("""{"_id": "orders", "version": 1, "resumeToken": null, "startAfter": 0, "operationTime": null, "committedAt": {"$date": {"$numberLong": "0"}}}""", "'startAfter' must be a boolean; got Int32")]
    [InlineData("""{"_id": "orders", "version": 1, "resumeToken": null, "startAfter": false, "operationTime": 5, "committedAt": {"$date": {"$numberLong": "0"}}}""", "'operationTime' must be a timestamp or null; got Int32")]
    [InlineData("""{"_id": "orders", "version": 1, "resumeToken": null, "startAfter": false, "operationTime": null, "committedAt": {"$date": {"$numberLong": "0"}}}""", "exactly one of 'resumeToken' and 'operationTime' must be set, the other null")]
    [InlineData("""{"_id": "orders", "version": 1, "resumeToken": null, "startAfter": true, "operationTime": {"$timestamp": {"t": 1, "i": 1}}, "committedAt": {"$date": {"$numberLong": "0"}}}""", "'startAfter' is true but there is no 'resumeToken'")]
    [InlineData("""{"_id": "orders", "version": 1, "resumeToken": null, "startAfter": false, "operationTime": {"$timestamp": {"t": 1, "i": 1}}, "committedAt": "today"}""", "'committedAt' must be a date; got String")]
    public async Task A_malformed_document_is_an_error_naming_the_collection_the_problem_and_the_fix(string stored, string problem)
    {
        await using var server = MongoServer.Start();
        using (var client = new MongoClient(server.ConnectionString))
        {
            EmulatorWrites.Run(client, "cdc", $$"""{"insert": "checkpoints", "documents": [{{stored}}]}""");
        }

        using var store = new MongoDbCheckpointStore(Connect(server.ConnectionString), "cdc.checkpoints", "orders");
        var ex = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.LoadAsync(CancellationToken.None));

        Assert.Equal(
            $"The checkpoint in mongodb collection cdc.checkpoints _id orders is not usable: {problem}. To go on, delete that document " +
            "(db.getSiblingDB(\"cdc\").getCollection(\"checkpoints\").deleteOne({_id: \"orders\"})) to start from mongodb.startAt, losing the position.",
            ex.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_an_error_within_the_server_selection_timeout()
    {
        int port;
        await using (var server = MongoServer.Start())
        {
            port = server.Port;
        }

        using var store = new MongoDbCheckpointStore(Connect($"mongodb://127.0.0.1:{port}/?serverSelectionTimeoutMS=500&connectTimeoutMS=500"), "cdc.checkpoints", "orders");

        // Each gives up at the server selection timeout (the driver's); the test's deadline only bounds a hang.
        var hangLimit = TimeSpan.FromSeconds(60);
        var load = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.LoadAsync(CancellationToken.None).WaitAsync(hangLimit));
        var save = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.SaveAsync(Checkpoints.WithToken("orders", "82"), CancellationToken.None).WaitAsync(hangLimit));

        Assert.Contains(": no MongoDB server was usable after ", load.Message, StringComparison.Ordinal);
        Assert.Contains(": no MongoDB server was usable after ", save.Message, StringComparison.Ordinal);
        Assert.StartsWith("Cannot load the checkpoint in mongodb collection cdc.checkpoints _id orders: ", load.Message);
        Assert.StartsWith("Cannot save the checkpoint in mongodb collection cdc.checkpoints _id orders: ", save.Message);
        var cause = Assert.IsType<MongoFailureException>(load.InnerException);
        Assert.Equal(MongoFailureKind.Unreachable, cause.Kind);
        Assert.Contains($"127.0.0.1:{port}", load.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_collection_that_is_not_database_dot_collection_is_refused()
    {
        var ex = Assert.Throws<CheckpointStoreException>(() => new MongoDbCheckpointStore(Connect("mongodb://127.0.0.1:1"), "checkpoints", "orders"));

        Assert.Equal("The checkpoint collection 'checkpoints' is not <database>.<collection>: fix 'checkpoint.collection'.", ex.Message);
    }

    private static byte[][] Find(MongoServer server, string database, string collection, string filter)
    {
        using var client = new MongoClient(server.ConnectionString);
        var reply = EmulatorWrites.Run(client, database, $$"""{"find": "{{collection}}", "filter": {{filter}}}""");
        return reply["cursor"]["firstBatch"].AsBsonArray.Select(document => document.AsBsonDocument.ToBson()).ToArray();
    }

    private MongoConnection Connect(string uri)
    {
        var connection = new MongoConnection(uri, NullLoggerFactory.Instance);
        _connections.Add(connection);
        return connection;
    }
}
