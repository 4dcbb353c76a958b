using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Schemas.Typed.Validator;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;

namespace Cdc.Connector.Tests.MongoDb;

/// <summary>
/// Issue 19: the validators of the collections in scope, read with listCollections through the official driver from the
/// emulator; only a $jsonSchema every document must match is used, and a refused listCollections is a reason, not a crash.
/// </summary>
public sealed class CollectionValidatorReaderTests
{
    private const string OrdersSchema = """
        {"bsonType": "object", "required": ["total"],
         "properties": {"total": {"bsonType": "decimal"}, "lines": {"bsonType": "array", "items": {"bsonType": "object", "properties": {"sku": {"bsonType": "string"}}}}}}
        """;

    [Fact]
    public async Task Each_collection_in_scope_gets_its_json_schema_or_the_reason_it_has_none()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        Create(connection, "shop", "orders", $$$"""{"$jsonSchema": {{{OrdersSchema}}}}""");
        Create(connection, "shop", "customers", $$$"""{"$and": [{"email": {"$exists": true}}, {"$jsonSchema": {{{OrdersSchema}}}}]}""");
        Create(connection, "shop", "payments", $$$"""{"$or": [{"$jsonSchema": {{{OrdersSchema}}}}, {"legacy": true}]}""");
        Create(connection, "shop", "refunds", $$$"""{"$jsonSchema": {{{OrdersSchema}}}, "amount": {"$gt": 0}}""");
        Create(connection, "shop", "audit", null);
        Create(connection, "other", "ignored", $$$"""{"$jsonSchema": {{{OrdersSchema}}}}""");
        var reader = new CollectionValidatorReader(connection, new MongoDbOptions { Scope = WatchScope.Database, Database = "shop" });

        var reading = reader.ReadInScope(CancellationToken.None);

        Assert.Empty(reading.Failures);
        Assert.Equal(["shop.audit", "shop.customers", "shop.orders", "shop.payments", "shop.refunds"], reading.Validators.Select(v => v.Namespace));
        var byName = reading.Validators.ToDictionary(v => v.Collection);
        var expected = BsonDocument.Parse(OrdersSchema).ToBson();
        Assert.Equal(expected, byName["orders"].JsonSchema);
        Assert.Equal(expected, byName["customers"].JsonSchema);
        Assert.Equal("the collection has no validator", byName["audit"].Reason);
        Assert.Equal("the validator is a query filter without a top-level $jsonSchema ($or); only a validator that is a $jsonSchema alone or a top-level $and of conditions is read", byName["payments"].Reason);
        Assert.Equal("the validator's $jsonSchema is beside other top-level conditions (amount); only a validator that is a $jsonSchema alone or a top-level $and of conditions is read", byName["refunds"].Reason);
        Assert.All(reading.Validators, v => Assert.False(v.ReadFailed));

        // What the reader returns is what the converter takes.
        var conversion = JsonSchemaConverter.ForTopic(byName["orders"].JsonSchema, "cdc.shop.orders");
        Assert.True(conversion.IsConverted, conversion.Refusal?.Message);
        Assert.Equal(["total", "lines"], conversion.Record.Fields.Select(field => field.Name));
    }

    [Fact]
    public async Task A_collection_stream_reads_its_one_collection_and_a_changed_validator_is_read_again()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        Create(connection, "shop", "orders", null);
        Create(connection, "shop", "customers", $$$"""{"$jsonSchema": {{{OrdersSchema}}}}""");
        var reader = new CollectionValidatorReader(connection, new MongoDbOptions { Scope = WatchScope.Collection, Database = "shop", Collection = "orders" });

        var before = Assert.Single(reader.ReadInScope(CancellationToken.None).Validators);
        EmulatorWrites.Run(connection.Client, "shop", $$$"""{"collMod": "orders", "validator": {"$jsonSchema": {{{OrdersSchema}}}}}""");
        var after = reader.Read("shop", "orders", CancellationToken.None);

        Assert.Equal(("shop.orders", "the collection has no validator"), (before.Namespace, before.Reason));
        Assert.Equal(BsonDocument.Parse(OrdersSchema).ToBson(), after.JsonSchema);
        Assert.Equal("the collection does not exist (or is a view)", reader.Read("shop", "absent", CancellationToken.None).Reason);
    }

    [Fact]
    public async Task A_refused_listCollections_is_reported_with_the_fix_and_nothing_is_thrown()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        Create(connection, "shop", "orders", $$$"""{"$jsonSchema": {{{OrdersSchema}}}}""");
        var reader = new CollectionValidatorReader(connection, new MongoDbOptions { Scope = WatchScope.Database, Database = "shop" });
        EmulatorWrites.FailPoint(connection.Client, """{"configureFailPoint": "failCommand", "mode": {"times": 2}, "data": {"failCommands": ["listCollections"], "errorCode": 13}}""");

        var reading = reader.ReadInScope(CancellationToken.None);
        var one = reader.Read("shop", "orders", CancellationToken.None);

        Assert.Empty(reading.Validators);
        var failure = Assert.Single(reading.Failures);
        Assert.StartsWith("Reading the validators of database shop (listCollections) failed: ", failure, StringComparison.Ordinal);
        Assert.EndsWith("The schemas of its collections are inferred from the documents instead. Grant the connector's user the listCollections action on database shop (the read role has it) to use the validators.", failure, StringComparison.Ordinal);
        Assert.True(one.ReadFailed);
        Assert.Null(one.JsonSchema);
        Assert.StartsWith("Reading the validator of shop.orders (listCollections) failed: ", one.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_stream_reads_every_database_within_its_namespace_filters()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        Create(connection, "shop", "orders", $$$"""{"$jsonSchema": {{{OrdersSchema}}}}""");
        Create(connection, "shop", "audit", null);
        Create(connection, "billing", "invoices", null);
        Create(connection, "other", "x", null);
        var mongo = new MongoDbOptions { Scope = WatchScope.Cluster, IncludeNamespaces = ["shop", "billing"], ExcludeNamespaces = ["shop.audit"] };

        var reading = new CollectionValidatorReader(connection, mongo).ReadInScope(CancellationToken.None);

        Assert.Empty(reading.Failures);
        Assert.Equal(["billing.invoices: no $jsonSchema (the collection has no validator)", "shop.orders: $jsonSchema of " + BsonDocument.Parse(OrdersSchema).ToBson().Length + " bytes"], reading.Validators.Select(v => v.ToString()));
    }

    [Fact]
    public async Task A_refused_listDatabases_is_one_failure_that_names_the_cluster()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection(server.ConnectionString, NullLoggerFactory.Instance);
        Create(connection, "shop", "orders", null);
        EmulatorWrites.FailPoint(connection.Client, """{"configureFailPoint": "failCommand", "mode": {"times": 1}, "data": {"failCommands": ["listDatabases"], "errorCode": 13}}""");

        var reading = new CollectionValidatorReader(connection, new MongoDbOptions()).ReadInScope(CancellationToken.None);

        Assert.Empty(reading.Validators);
        var failure = Assert.Single(reading.Failures);
        Assert.StartsWith("Listing the databases of the cluster to read the validators of their collections failed: ", failure, StringComparison.Ordinal);
        Assert.EndsWith("Grant the connector's user the listDatabases action on the cluster (the readAnyDatabase role has it) to use the validators.", failure, StringComparison.Ordinal);
    }

    /// <summary>Creates a collection, with a validator given as Extended JSON unless null.</summary>
    private static void Create(MongoConnection connection, string database, string collection, string? validator) =>
        EmulatorWrites.Run(connection.Client, database, validator is null ? $$"""{"create": "{{collection}}"}""" : $$"""{"create": "{{collection}}", "validator": {{validator}}}""");
}
