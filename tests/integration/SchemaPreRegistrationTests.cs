using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 18, item 4: once `cdc run` is ready, the key and value subjects of the collections it will publish are in the
/// registry before any document is written to them, so the first event does not wait for a registration. Readiness
/// does not wait for the registration (it runs right after the stream opened), so the test waits for the subjects
/// under a generous deadline while writing nothing; it never asserts how fast they come.
/// </summary>
public sealed class SchemaPreRegistrationTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_collection_streams_subjects_are_registered_before_its_first_document_even_before_the_collection_exists()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "prereg", "orders");
        var connector = scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "orders"));
        using var endpoint = await OperationsEndpoint.FindAsync(connector, TimeSpan.FromSeconds(30));
        await endpoint.WaitForReadinessAsync((status, _) => status == 200, "ready", Patience, connector);

        var topic = scenario.Topic("orders");
        using var registry = new SchemaRegistryAdmin(fixture.Endpoints.SchemaRegistryUrl);
        await WaitForSubjectsAsync(registry, [$"{topic}-key", $"{topic}-value"], connector);
        Assert.Empty(scenario.Reader.Records.Snapshot());

        // The first document's event is published with the schemas registered ahead.
        scenario.RunOperations(scenario.Database, Insert("orders", "o-1"));
        Assert.True(await scenario.Reader.WaitForAsync(r => r.Topic == topic && r.DocumentKey == "{\"_id\":\"o-1\"}", Patience), $"o-1 was not published.\n{connector.Describe()}");
        Assert.Contains("Schemas of 1 known namespaces registered before the first event", connector.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_streams_existing_collections_in_its_filters_have_their_subjects_before_any_change()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "preregdb", "items", "orders");
        scenario.RunOperations(
            scenario.Database,
            new JsonObject { ["op"] = "createCollection", ["coll"] = "audit" },
            new JsonObject { ["op"] = "createCollection", ["coll"] = "items" },
            new JsonObject { ["op"] = "createCollection", ["coll"] = "orders" });
        var scope = ConnectorConfig.DatabaseScope(scenario.Database);
        scope["excludeNamespaces"] = new JsonArray($"{scenario.Database}.audit");
        var connector = scenario.StartConnector(scope);
        using var endpoint = await OperationsEndpoint.FindAsync(connector, TimeSpan.FromSeconds(30));
        await endpoint.WaitForReadinessAsync((status, _) => status == 200, "ready", Patience, connector);

        using var registry = new SchemaRegistryAdmin(fixture.Endpoints.SchemaRegistryUrl);
        var items = scenario.Topic("items");
        var orders = scenario.Topic("orders");
        await WaitForSubjectsAsync(registry, [$"{items}-key", $"{items}-value", $"{orders}-key", $"{orders}-value"], connector);

        // Registered in name order, so with orders' subjects there the pass is over: the excluded collection has none.
        var audit = scenario.Topic("audit");
        Assert.DoesNotContain(await registry.SubjectsAsync(), subject => subject.StartsWith(audit, StringComparison.Ordinal));
        Assert.Empty(scenario.Reader.Records.Snapshot());
        Assert.False(connector.HasExited, connector.Describe());
    }

    private static JsonObject Insert(string collection, string id) =>
        new() { ["op"] = "insert", ["coll"] = collection, ["doc"] = new JsonObject { ["_id"] = id, ["v"] = 1 } };

    private static async Task WaitForSubjectsAsync(SchemaRegistryAdmin registry, string[] expected, ConnectorProcess connector)
    {
        var deadline = DateTime.UtcNow + Patience;
        IReadOnlyList<string> subjects = [];
        while (DateTime.UtcNow < deadline && !connector.HasExited)
        {
            subjects = await registry.SubjectsAsync();
            if (expected.All(subjects.Contains))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The registry still lacks {string.Join(", ", expected.Except(subjects))} (no document was written).\n{connector.Describe()}");
    }
}
