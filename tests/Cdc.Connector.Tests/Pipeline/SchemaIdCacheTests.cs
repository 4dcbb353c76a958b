using Cdc.Connector.Registry;
using Cdc.Connector.Sink;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Pipeline;

public sealed class SchemaIdCacheTests : IAsyncLifetime, IDisposable
{
    private InMemorySchemaRegistry? _registry;
    private RegistryClient? _client;

    public async Task InitializeAsync()
    {
        _registry = await InMemorySchemaRegistry.StartAsync();
        // The limit only bounds a hang (no test here is about a slow registry): a request timed out on a loaded machine
        // would be retried and counted as the registry's failure.
        _client = RegistryClient.Create(new RegistryClientOptions { Urls = [_registry.Url], RequestTimeout = TimeSpan.FromSeconds(30) });
    }

    public void Dispose() => _client?.Dispose();

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    private SchemaIdCache Cache(SubjectNameStrategy strategy = SubjectNameStrategy.Topic, IRegistryRetryListener? listener = null) =>
        new(_client!, strategy, new SchemaIdRetrySettings(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40)), NullLogger.Instance, listener);

    private static NamespaceRoute Route(string topic) => new("shop", "orders", topic, EnvelopeSchemas.ForTopic(topic), []);

    [Fact]
    public void With_typed_values_pre_registration_takes_the_key_subject_alone_and_the_event_path_finds_it()
    {
        var cache = Cache();
        var route = Route("cdc.shop.orders");

        cache.PreRegister(route, keyOnly: true, CancellationToken.None);
        var requests = _registry!.Faults.RequestCount;
        var keyId = cache.ResolveKey(route, CancellationToken.None);

        // The value subject is the typed ledger's: an envelope registered there would make it refuse to start.
        Assert.Equal(["cdc.shop.orders-key"], _registry.Store.Subjects());
        Assert.Equal(_registry.Store.GetVersion("cdc.shop.orders-key", "1").Id, keyId);
        Assert.Equal(requests, _registry.Faults.RequestCount);
    }

    [Fact]
    public void The_first_resolve_registers_both_subjects_and_later_ones_ask_nothing()
    {
        var cache = Cache();
        var route = Route("cdc.shop.orders");

        var ids = cache.Resolve(route, CancellationToken.None);
        var requests = _registry!.Faults.RequestCount;
        Assert.Equal(ids, cache.Resolve(route, CancellationToken.None));
        Assert.Equal(ids, cache.Resolve(Route("cdc.shop.orders"), CancellationToken.None)); // a new route object, same schemas: client cache

        Assert.Equal(requests, _registry.Faults.RequestCount);
        Assert.Equal(_registry.Store.GetVersion("cdc.shop.orders-key", "1").Id, ids.KeyId);
        Assert.Equal(_registry.Store.GetVersion("cdc.shop.orders-value", "1").Id, ids.ValueId);
    }

    [Fact]
    public void The_record_strategy_names_subjects_after_the_records()
    {
        var ids = Cache(SubjectNameStrategy.Record).Resolve(Route("cdc.shop.orders"), CancellationToken.None);
        Assert.Equal(_registry!.Store.GetVersion("cdc.shop.orders.Envelope", "1").Id, ids.ValueId);
    }

    [Fact]
    public void Server_errors_are_retried_until_the_registry_answers()
    {
        _registry!.Faults.FailNext(3, InjectedFailure.StoreError);
        var ids = Cache().Resolve(Route("cdc.shop.orders"), CancellationToken.None);

        Assert.Equal(3, _registry.Faults.FailedRequestCount);
        Assert.True(ids.ValueId > 0);
    }

    [Fact]
    public void Each_failed_call_is_reported_with_its_attempt_and_the_end_of_the_retries_once()
    {
        _registry!.Faults.FailNext(3, InjectedFailure.Unavailable);
        var listener = new RecordingRetryListener();

        Cache(listener: listener).Resolve(Route("cdc.shop.orders"), CancellationToken.None);

        Assert.Equal(["failed cdc.shop.orders-key #1", "failed cdc.shop.orders-key #2", "failed cdc.shop.orders-key #3", "ended cdc.shop.orders-key"], listener.Calls);
        Assert.All(listener.Problems, problem => Assert.Contains("subject 'cdc.shop.orders-key'", problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_registry_that_answers_at_once_reports_nothing()
    {
        var listener = new RecordingRetryListener();

        Cache(listener: listener).Resolve(Route("cdc.shop.orders"), CancellationToken.None);

        Assert.Empty(listener.Calls);
    }

    [Fact]
    public async Task Retries_cancelled_by_a_stop_still_end_the_reported_outage()
    {
        _registry!.Faults.FailUntilCleared(InjectedFailure.Unavailable);
        var listener = new RecordingRetryListener();
        using var cancel = new CancellationTokenSource();
        var cache = Cache(listener: listener);
        var resolving = Task.Run(() => cache.Resolve(Route("cdc.shop.orders"), cancel.Token));

        await PipelineHarness.WaitUntilAsync(() => listener.Calls.Count >= 2, "two failed calls are reported");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resolving.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("ended cdc.shop.orders-key", listener.Calls[^1]);
    }

    [Fact]
    public async Task A_registry_that_never_answers_is_retried_until_cancelled()
    {
        _registry!.Faults.FailUntilCleared(InjectedFailure.Unavailable);
        using var cancel = new CancellationTokenSource();
        var cache = Cache();
        var resolving = Task.Run(() => cache.Resolve(Route("cdc.shop.orders"), cancel.Token));

        // Retried, not given up on: the registry has refused several calls and the caller still waits.
        await PipelineHarness.WaitUntilAsync(() => _registry!.Faults.FailedRequestCount >= 3, "the registry refused three calls");
        Assert.False(resolving.IsCompleted);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resolving.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_refused_bearer_token_stops_naming_the_key_to_set_and_never_the_token()
    {
        await using var secured = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BearerToken = "right-token-3e9a" });
        using var client = RegistryClient.Create(new RegistryClientOptions { Urls = [secured.Url], BearerToken = "stale-token-5c1b", RequestTimeout = TimeSpan.FromSeconds(5) });
        var cache = new SchemaIdCache(client, SubjectNameStrategy.Topic, new SchemaIdRetrySettings(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40)), NullLogger.Instance);

        var error = Assert.Throws<SchemaIdRegistrationException>(() => cache.Resolve(Route("cdc.shop.orders"), CancellationToken.None));

        Assert.StartsWith("Schema Registry refused the key schema of topic 'cdc.shop.orders' under subject 'cdc.shop.orders-key' (HTTP 401, error_code 40101): ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Fix: the registry wants credentials; set schemaRegistry.bearerToken to a token it accepts (not expired).", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-token-", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, secured.Faults.RequestCount);
    }

    [Fact]
    public void An_incompatible_schema_throws_naming_subject_status_error_code_and_fix()
    {
        _registry!.Store.Register("cdc.shop.orders-value", """{"type":"record","name":"Envelope","namespace":"cdc.shop.orders","fields":[{"name":"x","type":"int"}]}""");
        _registry.Store.GlobalLevel = CompatibilityLevel.Full;

        var error = Assert.Throws<SchemaIdRegistrationException>(() => Cache().Resolve(Route("cdc.shop.orders"), CancellationToken.None));
        Assert.Contains("subject 'cdc.shop.orders-value'", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 409", error.Message, StringComparison.Ordinal);
        Assert.Contains("error_code 409", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix: ", error.Message, StringComparison.Ordinal);
    }
}
