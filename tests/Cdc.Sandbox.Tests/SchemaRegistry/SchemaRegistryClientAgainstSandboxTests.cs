using System.Net;
using Cdc.Sandbox.SchemaRegistry;
using Confluent.SchemaRegistry;

namespace Cdc.Sandbox.Tests.SchemaRegistry;

/// <summary>
/// Confluent's CachedSchemaRegistryClient (the client under the connector's, and under every .NET serializer) against the
/// sandbox registry: the pairing `cdc demo` runs, and what a user's own .NET consumer meets.
/// </summary>
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
        var id = await client.RegisterSchemaAsync("orders-value", V1);
        Assert.Equal(id, await client.GetSchemaIdAsync("orders-value", V1));
        Assert.Equal(V1, (await client.GetSchemaAsync(id)).SchemaString);
        Assert.Equal(id, await client.RegisterSchemaAsync("orders-key", V1));
        Assert.Equal(1, (await client.GetLatestSchemaAsync("orders-value")).Version);
    }

    [Fact]
    public async Task Missing_subject_and_schema_surface_the_registry_codes()
    {
        using var client = Client(_registry.Url);
        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaIdAsync("nobody", V1));
        Assert.Equal((HttpStatusCode.NotFound, 40401), (noSubject.Status, noSubject.ErrorCode));

        await client.RegisterSchemaAsync("orders-value", V1);
        var noSchema = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaIdAsync("orders-value", V2));
        Assert.Equal((HttpStatusCode.NotFound, 40403), (noSchema.Status, noSchema.ErrorCode));

        var noId = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(42));
        Assert.Equal(40403, noId.ErrorCode);
    }

    [Fact]
    public async Task An_incompatible_schema_is_a_409_and_the_compatibility_calls_agree()
    {
        using var client = Client(_registry.Url);
        await client.RegisterSchemaAsync("orders-value", V2);
        await client.UpdateCompatibilityAsync(Compatibility.Full, "orders-value");

        Assert.False(await client.IsCompatibleAsync("orders-value", V1));
        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("orders-value", V1));
        Assert.Equal((HttpStatusCode.Conflict, 409), (e.Status, e.ErrorCode));
        Assert.Contains("incompatible", e.Message, StringComparison.Ordinal);
        Assert.Equal(Compatibility.Full, await client.GetCompatibilityAsync("orders-value"));
        Assert.Equal(Compatibility.Backward, await client.GetCompatibilityAsync());
    }

    [Fact]
    public async Task A_faulted_registry_fails_over_to_a_healthy_one()
    {
        await using var healthy = await InMemorySchemaRegistry.StartAsync();
        _registry.Faults.FailUntilCleared(InjectedFailure.StoreError);
        using var client = Client(_registry.Url, healthy.Url);

        var id = await client.RegisterSchemaAsync("orders-value", V1);
        Assert.Equal(1, _registry.Faults.FailedRequestCount);
        Assert.Equal(1, healthy.Faults.RequestCount);
        Assert.Equal(V1, healthy.Store.GetSchema(id));
    }

    [Fact]
    public async Task When_every_registry_is_faulted_the_error_names_the_injected_codes()
    {
        _registry.Faults.FailNext(1, InjectedFailure.OperationTimeout);
        using var client = Client(_registry.Url);
        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("orders-value", V1));
        Assert.Equal((HttpStatusCode.InternalServerError, 50002), (e.Status, e.ErrorCode));

        // The failure was not cached and the fault is spent: the next call succeeds.
        Assert.Equal(1, await client.RegisterSchemaAsync("orders-value", V1));
    }

    [Fact]
    public async Task The_clients_own_retry_outlasts_a_single_injected_fault()
    {
        _registry.Faults.FailNext(1, InjectedFailure.Unavailable);
        using var client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = _registry.Url, MaxRetries = 2, RetriesWaitMs = 10 });

        Assert.Equal(1, await client.RegisterSchemaAsync("orders-value", V1));
        Assert.Equal((2, 1), (_registry.Faults.RequestCount, _registry.Faults.FailedRequestCount));
    }

    [Fact]
    public async Task A_delayed_registry_times_out_and_the_client_moves_on()
    {
        await using var healthy = await InMemorySchemaRegistry.StartAsync();

        // A fresh server's first request builds its pipeline; that happens before the limit under test applies, so a
        // warm healthy registry answers well within it even on a loaded machine. The delayed one never does.
        using (var warmUp = Client(healthy.Url))
        {
            await Assert.ThrowsAsync<SchemaRegistryException>(() => warmUp.GetSchemaAsync(42));
        }

        var before = healthy.Faults.RequestCount;
        _registry.Faults.Delay = TimeSpan.FromSeconds(60);
        using var client = Client(TimeSpan.FromSeconds(10), _registry.Url, healthy.Url);
        Assert.Equal(1, await client.RegisterSchemaAsync("orders-value", V1));
        Assert.Equal(1, healthy.Faults.RequestCount - before);
    }

    [Fact]
    public async Task Basic_auth_credentials_are_accepted_and_wrong_ones_are_40101()
    {
        await using var secured = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BasicAuth = "svc:pw" });
        using var good = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = secured.Url, BasicAuthUserInfo = "svc:pw" });
        Assert.Equal(1, await good.RegisterSchemaAsync("orders-value", V1));

        using var bad = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = secured.Url, BasicAuthUserInfo = "svc:nope", MaxRetries = 1 });
        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => bad.RegisterSchemaAsync("orders-value", V1));
        Assert.Equal((HttpStatusCode.Unauthorized, 40101), (e.Status, e.ErrorCode));
    }

    [Fact]
    public async Task A_bearer_token_is_accepted_and_a_wrong_one_is_40101()
    {
        await using var secured = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BearerToken = "token-1" });
        using var good = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = secured.Url }, new StaticBearerAuthenticationHeaderValueProvider("token-1", null, null));
        Assert.Equal(1, await good.RegisterSchemaAsync("orders-value", V1));

        using var bad = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = secured.Url, MaxRetries = 1 }, new StaticBearerAuthenticationHeaderValueProvider("token-2", null, null));
        var e = await Assert.ThrowsAsync<SchemaRegistryException>(() => bad.RegisterSchemaAsync("orders-value", V1));
        Assert.Equal((HttpStatusCode.Unauthorized, 40101), (e.Status, e.ErrorCode));
        Assert.Contains("bearer token", e.Message, StringComparison.Ordinal);
    }

    private static CachedSchemaRegistryClient Client(params string[] urls) => Client(TimeSpan.FromSeconds(10), urls);

    /// <summary>One attempt per URL, as the connector configures it, so that a fault moves on to the next URL at once.</summary>
    private static CachedSchemaRegistryClient Client(TimeSpan timeout, params string[] urls) =>
        new(new SchemaRegistryConfig { Url = string.Join(",", urls), RequestTimeoutMs = (int)timeout.TotalMilliseconds, MaxRetries = 1 });
}
