using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.Registry;

namespace Cdc.Sandbox.Tests.SchemaRegistry;

/// <summary>The connector's own registry client against the sandbox registry: the pairing `cdc demo` runs.</summary>
public sealed class SchemaRegistryClientAgainstSandboxTests : IAsyncLifetime
{
    private const string V1 = """{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"int"}]}""";
    private const string V2 = """{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"long"}]}""";

    private InMemorySchemaRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await InMemorySchemaRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task Register_lookup_and_get_by_id_agree()
    {
        using var client = Client(_registry.Url);
        var id = await client.RegisterAsync("orders-value", V1, CancellationToken.None);
        Assert.Equal(id, await client.LookupAsync("orders-value", V1, CancellationToken.None));
        Assert.Equal(V1, await client.GetSchemaByIdAsync(id, CancellationToken.None));
        Assert.Equal(id, await client.RegisterAsync("orders-key", V1, CancellationToken.None));
    }

    [Fact]
    public async Task Missing_subject_and_schema_surface_the_registry_codes()
    {
        using var client = Client(_registry.Url);
        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.LookupAsync("nobody", V1, CancellationToken.None));
        Assert.Equal((404, 40401), (noSubject.StatusCode, noSubject.ErrorCode));

        await client.RegisterAsync("orders-value", V1, CancellationToken.None);
        var noSchema = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.LookupAsync("orders-value", V2, CancellationToken.None));
        Assert.Equal((404, 40403), (noSchema.StatusCode, noSchema.ErrorCode));

        var noId = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaByIdAsync(42, CancellationToken.None));
        Assert.Equal(40403, noId.ErrorCode);
    }

    [Fact]
    public async Task An_incompatible_schema_is_a_409()
    {
        using var client = Client(_registry.Url);
        await client.RegisterAsync("orders-value", V2, CancellationToken.None);
        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterAsync("orders-value", V1, CancellationToken.None));
        Assert.Equal((409, 409), (e.StatusCode, e.ErrorCode));
        Assert.Contains("incompatible", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_faulted_registry_fails_over_to_a_healthy_one()
    {
        await using var healthy = await InMemorySchemaRegistry.StartAsync();
        _registry.Faults.FailUntilCleared(InjectedFailure.StoreError);
        using var client = Client(_registry.Url, healthy.Url);

        var id = await client.RegisterAsync("orders-value", V1, CancellationToken.None);
        Assert.Equal(1, _registry.Faults.FailedRequestCount);
        Assert.Equal(1, healthy.Faults.RequestCount);
        Assert.Equal(V1, healthy.Store.GetSchema(id));
    }

    [Fact]
    public async Task When_every_registry_is_faulted_the_error_names_the_injected_codes()
    {
        _registry.Faults.FailNext(1, InjectedFailure.OperationTimeout);
        using var client = Client(_registry.Url);
        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterAsync("orders-value", V1, CancellationToken.None));
        Assert.Equal((500, 50002), (e.StatusCode, e.ErrorCode));

        // The failure was not cached and the fault is spent: the next call succeeds.
        Assert.Equal(1, await client.RegisterAsync("orders-value", V1, CancellationToken.None));
    }

    [Fact]
    public async Task A_delayed_registry_times_out_and_the_client_moves_on()
    {
        await using var healthy = await InMemorySchemaRegistry.StartAsync();
        _registry.Faults.Delay = TimeSpan.FromSeconds(30);
        using var client = new SchemaRegistryClient(new SchemaRegistryOptions { Urls = [_registry.Url, healthy.Url], RequestTimeout = TimeSpan.FromSeconds(2) });
        Assert.Equal(1, await client.RegisterAsync("orders-value", V1, CancellationToken.None));
        Assert.Equal(1, healthy.Faults.RequestCount);
    }

    [Fact]
    public async Task Basic_auth_credentials_are_accepted_and_wrong_ones_are_40101()
    {
        await using var secured = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BasicAuth = "svc:pw" });
        using var good = new SchemaRegistryClient(new SchemaRegistryOptions { Urls = [secured.Url], BasicAuth = "svc:pw" });
        Assert.Equal(1, await good.RegisterAsync("orders-value", V1, CancellationToken.None));

        using var bad = new SchemaRegistryClient(new SchemaRegistryOptions { Urls = [secured.Url], BasicAuth = "svc:nope" });
        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => bad.RegisterAsync("orders-value", V1, CancellationToken.None));
        Assert.Equal((401, 40101), (e.StatusCode, e.ErrorCode));
    }

    private static SchemaRegistryClient Client(params string[] urls) =>
        new(new SchemaRegistryOptions { Urls = urls, RequestTimeout = TimeSpan.FromSeconds(10) });
}
