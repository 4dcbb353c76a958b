using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using Cdc.Sandbox.MongoDb.Server;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Cdc.Connector.Tests.MongoDb;

/// <summary>
/// The snapshot's reads through the official driver against the emulator: collections in scope, and chunks that page
/// through _ids of every BSON type in MongoDB's order (type brackets, NaN, MinKey, MaxKey), each document once.
/// </summary>
public sealed class MongoSnapshotReaderTests
{
    [Fact]
    public async Task Chunks_page_through_ids_of_mixed_types_in_MongoDB_order_each_document_once()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        EmulatorWrites.Insert(
            connection.Client,
            "shop",
            "mixed",
            """{"_id": {"$maxKey": 1}}""", """{"_id": true}""", """{"_id": {"$date": "2024-01-01T00:00:00Z"}}""", """{"_id": {"$oid": "650000000000000000000001"}}""",
            """{"_id": {"a": 1}}""", """{"_id": "b"}""", """{"_id": "a"}""", """{"_id": {"$numberDecimal": "4.5"}}""", """{"_id": 7}""",
            """{"_id": {"$numberLong": "4"}}""", """{"_id": 2.5}""", """{"_id": {"$numberDouble": "NaN"}}""", """{"_id": {"$numberDouble": "-Infinity"}}""",
            """{"_id": {"$minKey": 1}}""", """{"_id": {"$binary": {"base64": "AQI=", "subType": "00"}}}""", """{"_id": {"$timestamp": {"t": 5, "i": 1}}}""");
        var reader = new MongoSnapshotReader(connection, new MongoDbOptions { Scope = WatchScope.Collection, Database = "shop", Collection = "mixed" }, new SnapshotOptions());
        var collection = new SnapshotNamespace("shop", "mixed");

        var ids = new List<string>();
        byte[]? lastId = null;
        var chunks = 0;
        while (true)
        {
            var chunk = reader.ReadChunk(collection, lastId, limit: 3, CancellationToken.None);
            chunks++;
            foreach (var document in chunk.Documents)
            {
                var id = BsonSerializer.Deserialize<BsonDocument>(document)["_id"];
                ids.Add(id.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.CanonicalExtendedJson }));
                lastId = new BsonDocument("_id", id).ToBson();
            }

            Assert.NotEqual(default, chunk.ReadTime);
            if (chunk.IsLast)
            {
                break;
            }

            Assert.True(chunks < 20, "The reader does not come to an end.");
        }

        Assert.Equal(
            [
                "{ \"$minKey\" : 1 }", "{ \"$numberDouble\" : \"NaN\" }", "{ \"$numberDouble\" : \"-Infinity\" }", "{ \"$numberDouble\" : \"2.5\" }",
                "{ \"$numberLong\" : \"4\" }", "{ \"$numberDecimal\" : \"4.5\" }", "{ \"$numberInt\" : \"7\" }", "\"a\"", "\"b\"", "{ \"a\" : { \"$numberInt\" : \"1\" } }",
                "{ \"$binary\" : { \"base64\" : \"AQI=\", \"subType\" : \"00\" } }", "{ \"$oid\" : \"650000000000000000000001\" }", "true",
                "{ \"$date\" : { \"$numberLong\" : \"1704067200000\" } }", "{ \"$timestamp\" : { \"t\" : 5, \"i\" : 1 } }", "{ \"$maxKey\" : 1 }",
            ],
            ids);
        Assert.Equal(16L, reader.EstimateCount(collection, CancellationToken.None));
    }

    [Fact]
    public async Task The_collections_in_scope_follow_the_stream_and_snapshot_filters()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        foreach (var (database, name) in new[] { ("shop", "orders"), ("shop", "customers"), ("shop", "audit"), ("billing", "invoices"), ("other", "x") })
        {
            EmulatorWrites.Insert(connection.Client, database, name, """{"_id": 1}""");
        }

        var mongo = new MongoDbOptions { Scope = WatchScope.Cluster, IncludeNamespaces = ["shop", "billing"] };
        var snapshot = new SnapshotOptions { ExcludeNamespaces = ["shop.audit"] };

        var collections = new MongoSnapshotReader(connection, mongo, snapshot).ListCollections(CancellationToken.None);

        Assert.Equal(["billing.invoices", "shop.customers", "shop.orders"], collections.Select(c => c.ToString()));
    }

    [Fact]
    public async Task The_watched_collections_follow_the_stream_filters_only()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        foreach (var (database, name) in new[] { ("shop", "orders"), ("shop", "audit"), ("billing", "invoices"), ("other", "x") })
        {
            EmulatorWrites.Insert(connection.Client, database, name, """{"_id": 1}""");
        }

        var mongo = new MongoDbOptions { Scope = WatchScope.Cluster, IncludeNamespaces = ["shop", "billing"], ExcludeNamespaces = ["billing.invoices"] };
        var snapshot = new SnapshotOptions { ExcludeNamespaces = ["shop.audit"] };

        var collections = new MongoSnapshotReader(connection, mongo, snapshot).ListWatchedCollections(CancellationToken.None);

        // shop.audit's events are published though it is not snapshotted.
        Assert.Equal(["shop.audit", "shop.orders"], collections.Select(c => c.ToString()));
    }

    [Fact]
    public async Task A_collection_scope_watches_its_collection_before_it_exists()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        var mongo = new MongoDbOptions { Scope = WatchScope.Collection, Database = "shop", Collection = "orders" };

        var collections = new MongoSnapshotReader(connection, mongo, new SnapshotOptions()).ListWatchedCollections(CancellationToken.None);

        Assert.Equal(["shop.orders"], collections.Select(c => c.ToString()));
    }
}
