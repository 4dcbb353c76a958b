using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// What the container stack itself promises the other tests, checked where it runs and reported as skipped with the
/// reason elsewhere (<see cref="ContainersFactAttribute"/>). Everything else about the three services is every other
/// test's job: they run against the same containers.
/// </summary>
public sealed class ContainerStackTests(ITestOutputHelper output)
{
    [ContainersFact]
    public async Task The_containers_are_a_replica_set_with_test_commands_and_a_registry_that_stores_schemas_in_kafka()
    {
        var endpoints = (await ContainerStack.SharedAsync()).Endpoints;
        output.WriteLine($"kafka {endpoints.KafkaBootstrapServers}, schema registry {endpoints.SchemaRegistryUrl}");

        // mongod runs with enableTestCommands=1: the fail points other tests set are accepted (this throws otherwise).
        MongoFailPoint.Off(endpoints, "failCommand");

        // A replica set: a change stream opens and sees every write.
        var database = UniqueNames.For("containers");
        using var watcher = await GroundTruthWatcher.StartAsync(endpoints, "database", database);
        using (var writer = WorkloadWriter.Start(endpoints, database, ["c"], operations: 20, seed: 7))
        {
            output.WriteLine($"workload: {await writer.CompletionAsync(TimeSpan.FromSeconds(60))}");
        }

        var truth = await watcher.StopAsync();
        Assert.Equal(20, truth.Count);

        // The registry stores schemas in its Kafka topic, through the broker's listener for the shared network: a
        // registration is answered only once it is written there.
        using var registry = new SchemaRegistryAdmin(endpoints.SchemaRegistryUrl);
        var id = await registry.RegisterAsync($"{database}-value", "\"string\"");
        Assert.True(id > 0, $"the registry answered id {id}");
    }
}
