using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 19 end to end: `cdc run` with mapping.value=document publishes each document as an Avro record of its own
/// fields plus the __cdc metadata, its schema inferred and widened through the sandbox registry; kafkajs with the
/// registry (and Confluent's AvroDeserializer, which must agree) decodes every record.
/// </summary>
public sealed class TypedValuesTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    [Fact]
    public async Task Documents_arrive_as_avro_records_of_their_fields_and_a_new_field_widens_the_schema()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "typed", "orders");
        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "orders"), config =>
        {
            config["mongodb"]!["fullDocument"] = "updateLookup";
            config["mapping"] = new JsonObject { ["value"] = "document" };
        });
        await scenario.WaitUntilStreamingAsync("orders");

        scenario.RunOperations(
            scenario.Database,
            OperationStep.Op("insert", "orders", ("doc", new JsonObject
            {
                ["_id"] = "o-1",
                ["qty"] = 2,
                ["price"] = 9.5,
                ["paid"] = false,
                ["address"] = new JsonObject { ["city"] = "Malmö", ["zip"] = "21119" },
                ["tags"] = new JsonArray("gift", "fragile"),
            })),
            OperationStep.Op("update", "orders", ("id", "o-1"), ("update", new JsonObject { ["$set"] = new JsonObject { ["qty"] = 3, ["note"] = "leave at the door" } })));

        // The update's document is looked up when the stream reads it (updateLookup): delete only once it was read.
        var topic = scenario.Topic("orders");
        const string Key = """{"_id":"o-1"}""";
        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.Topic == topic && r.DocumentKey == Key && r.Value is { } v && Metadata(v, "op") == "update", Deadlines.Step),
            $"the update did not arrive\n{scenario.Connector.Describe()}");
        scenario.RunOperations(scenario.Database, OperationStep.Op("delete", "orders", ("id", "o-1")));
        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.Topic == topic && r.DocumentKey == Key && r.IsTombstone, Deadlines.Step),
            $"the delete's tombstone did not arrive\n{scenario.Connector.Describe()}");
        var records = scenario.Reader.Records.Snapshot().Where(r => r.Topic == topic && r.DocumentKey == Key).OrderBy(r => r.Offset).ToList();
        Assert.All(records, r => Assert.Null(r.DecodeError));
        Assert.Equal(4, records.Count);

        var insert = records[0].Value!.Value;
        Assert.Equal("insert", Metadata(insert, "op"));
        Assert.Equal(scenario.Database, Metadata(insert, "db"));
        Assert.Equal("orders", Metadata(insert, "coll"));
        Assert.Equal(2, insert.GetProperty("qty").GetInt32());
        Assert.Equal(9.5, insert.GetProperty("price").GetDouble());
        Assert.False(insert.GetProperty("paid").GetBoolean());
        Assert.Equal("Malmö", insert.GetProperty("address").GetProperty("city").GetString());
        Assert.Equal(["gift", "fragile"], insert.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var update = records[1].Value!.Value;
        Assert.Equal("update", Metadata(update, "op"));
        Assert.Equal(3, update.GetProperty("qty").GetInt32());
        Assert.Equal("leave at the door", update.GetProperty("note").GetString());

        var delete = records[2].Value!.Value;
        Assert.Equal("delete", Metadata(delete, "op"));
        Assert.Equal(JsonValueKind.Null, delete.GetProperty("qty").ValueKind);
        Assert.True(records[3].IsTombstone);
    }

    [Fact]
    public async Task A_collection_with_a_jsonSchema_validator_starts_from_the_schema_it_declares()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "typedv", "items");
        var validator = new JsonObject
        {
            ["$jsonSchema"] = new JsonObject
            {
                ["bsonType"] = "object",
                ["properties"] = new JsonObject
                {
                    ["_id"] = new JsonObject { ["bsonType"] = "string" },
                    ["v"] = new JsonObject { ["bsonType"] = "int" },
                    ["qty"] = new JsonObject { ["bsonType"] = "int" },
                    ["note"] = new JsonObject { ["bsonType"] = "string" },
                },
            },
        };
        scenario.RunOperations(scenario.Database, OperationStep.Op("createCollection", "things", ("options", new JsonObject { ["validator"] = validator })));
        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "things"), config =>
        {
            config["mongodb"]!["fullDocument"] = "updateLookup";
            config["mapping"] = new JsonObject { ["value"] = "document" };
        });
        await scenario.WaitUntilStreamingAsync("things");

        // Neither field of the validator that the first documents lack makes a version when it comes.
        scenario.RunOperations(
            scenario.Database,
            OperationStep.Op("insert", "things", ("doc", new JsonObject { ["_id"] = "t-1", ["qty"] = 2 })),
            OperationStep.Op("insert", "things", ("doc", new JsonObject { ["_id"] = "t-2", ["qty"] = 3, ["note"] = "fragile" })));
        var topic = scenario.Topic("things");
        Assert.True(
            await scenario.Reader.WaitForAsync(r => r.Topic == topic && r.DocumentKey == """{"_id":"t-2"}""", Deadlines.Step),
            $"the second document did not arrive\n{scenario.Connector.Describe()}");

        using var registry = new SchemaRegistryAdmin(fixture.Endpoints.SchemaRegistryUrl);
        var subject = topic + "-value";
        Assert.Equal([1], await registry.VersionsAsync(subject));
        var schema = JsonNode.Parse(await registry.SchemaAsync(subject, 1))!;
        Assert.Equal(["__cdc", "_id", "v", "qty", "note"], schema["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        var second = scenario.Reader.Records.Snapshot().Single(r => r.Topic == topic && r.DocumentKey == """{"_id":"t-2"}""");
        Assert.Null(second.DecodeError);
        Assert.Equal("fragile", second.Value!.Value.GetProperty("note").GetString());
        Assert.Contains("start from its collection's $jsonSchema validator", scenario.Connector.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_validator_adds_its_fields_to_the_schema_before_any_document_brings_them()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "typedm", "things");
        scenario.RunOperations(scenario.Database, OperationStep.Op("createCollection", "things", ("options", new JsonObject { ["validator"] = Validator("v", "qty") })));
        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "things"), config =>
        {
            config["mongodb"]!["fullDocument"] = "updateLookup";
            config["mongodb"]!["showExpandedEvents"] = true;
            config["mapping"] = new JsonObject { ["value"] = "document" };
        });
        await scenario.WaitUntilStreamingAsync("things");
        var subject = scenario.Topic("things") + "-value";
        using var registry = new SchemaRegistryAdmin(fixture.Endpoints.SchemaRegistryUrl);
        Assert.Equal([1], await registry.VersionsAsync(subject));

        scenario.RunOperations(scenario.Database, OperationStep.Op("collMod", "things", ("options", new JsonObject { ["validator"] = Validator("v", "qty", "note") })));

        var deadline = DateTime.UtcNow + Deadlines.Step;
        while ((await registry.VersionsAsync(subject)).Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal([1, 2], await registry.VersionsAsync(subject));
        var fields = JsonNode.Parse(await registry.SchemaAsync(subject, 2))!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>());
        Assert.Equal(["__cdc", "_id", "v", "qty", "note"], fields);
    }

    private static JsonObject Validator(params string[] fields)
    {
        var properties = new JsonObject { ["_id"] = new JsonObject { ["bsonType"] = "string" } };
        foreach (var field in fields)
        {
            properties[field] = new JsonObject { ["bsonType"] = field == "note" ? "string" : "int" };
        }

        return new JsonObject { ["$jsonSchema"] = new JsonObject { ["bsonType"] = "object", ["properties"] = properties } };
    }

    private static string? Metadata(JsonElement value, string field) => value.GetProperty("__cdc").GetProperty(field).GetString();
}
