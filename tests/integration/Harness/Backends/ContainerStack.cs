using DotNet.Testcontainers.Builders;
using Testcontainers.Kafka;
using Testcontainers.MongoDb;

namespace Cdc.Integration.Tests;

/// <summary>
/// A single-node MongoDB replica set, Kafka in KRaft mode and a Confluent Schema Registry, in containers on a network
/// of their own (<see cref="ContainerStackPlan"/> says which images and settings). Started once per test process, the
/// first time a test class asks, and shared by every class: the tests use unique names, as they do against real
/// services. Stopped when the test process exits; Testcontainers' resource reaper removes the containers and the
/// network if the process dies first.
/// </summary>
internal sealed class ContainerStack : IAsyncDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<ContainerStack>> Shared = new(StartSharedAsync);

    /// <summary>The network first, then each container as it was built: disposed in the reverse order.</summary>
    private readonly List<IAsyncDisposable> _resources;

    private ContainerStack(ItEndpoints endpoints, List<IAsyncDisposable> resources)
    {
        Endpoints = endpoints;
        _resources = resources;
    }

    public ItEndpoints Endpoints { get; }

    /// <summary>The process's stack, started on first use; every later caller gets the same one (or the same failure).</summary>
    public static Task<ContainerStack> SharedAsync() => Shared.Value;

    public static async Task<ContainerStack> StartAsync(ContainerStackPlan plan)
    {
        var resources = new List<IAsyncDisposable>();
        using var limit = new CancellationTokenSource(plan.StartLimit);
        try
        {
            // Building needs a Docker endpoint too (without one it throws Testcontainers' DockerUnavailableException).
            var network = new NetworkBuilder().Build();
            resources.Add(network);

            var mongoDb = new MongoDbBuilder(plan.MongoDbImage)
                .WithUsername(plan.MongoDbUsername)
                .WithPassword(plan.MongoDbPassword)
                .WithReplicaSet(plan.ReplicaSetName)
                .WithCommand([.. plan.MongoDbExtraArguments])
                .WithNetwork(network)
                .WithNetworkAliases(plan.MongoDbAlias)
                .Build();
            resources.Add(mongoDb);

            var kafka = new KafkaBuilder(plan.KafkaImage)
                .WithKRaft()
                .WithListener(plan.KafkaInternalListener)
                .WithNetwork(network)
                .WithEnvironment(plan.KafkaEnvironment)
                .Build();
            resources.Add(kafka);

            var schemaRegistry = new ContainerBuilder(plan.SchemaRegistryImage)
                .WithNetwork(network)
                .WithNetworkAliases(plan.SchemaRegistryAlias)
                .WithPortBinding(plan.SchemaRegistryPort, assignRandomHostPort: true)
                .WithEnvironment(plan.SchemaRegistryEnvironment)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(plan.SchemaRegistryPort).ForPath(plan.SchemaRegistryReadyPath)))
                .Build();
            resources.Add(schemaRegistry);

            await network.CreateAsync(limit.Token);
            await Task.WhenAll(mongoDb.StartAsync(limit.Token), kafka.StartAsync(limit.Token));
            await schemaRegistry.StartAsync(limit.Token);

            var endpoints = plan.EndpointsAt(
                mongoDb.Hostname,
                mongoDb.GetMappedPublicPort(MongoDbBuilder.MongoDbPort),
                kafka.GetMappedPublicPort(KafkaBuilder.KafkaPort),
                schemaRegistry.GetMappedPublicPort(plan.SchemaRegistryPort));
            return new ContainerStack(endpoints, resources);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await DisposeAllAsync(resources);
            var what = limit.IsCancellationRequested ? $"did not start within {plan.StartLimit.TotalMinutes:0} min" : "could not start";
            throw new InvalidOperationException(
                $"The integration tests' containers ({plan.MongoDbImage}, {plan.KafkaImage}, {plan.SchemaRegistryImage}) {what}. " +
                $"Containers were chosen because {ItBackendSelection.Current.Reason}; set {ItBackendSelection.ContainersVariable}=0 to run against the cdc sandbox instead. " +
                e.Message,
                e);
        }
    }

    public async ValueTask DisposeAsync() => await DisposeAllAsync(_resources);

    private static async Task<ContainerStack> StartSharedAsync()
    {
        var stack = await StartAsync(ContainerStackPlan.Default);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                _ = stack.DisposeAsync().AsTask().Wait(StopLimit);
            }
            catch (AggregateException)
            {
                // Exiting anyway; the resource reaper removes whatever is left.
            }
        };
        return stack;
    }

    private static async Task DisposeAllAsync(List<IAsyncDisposable> resources)
    {
        for (var i = resources.Count - 1; i >= 0; i--)
        {
            await resources[i].DisposeAsync();
        }
    }
}
