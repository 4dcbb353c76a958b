using System.Net;
using System.Net.Sockets;
using Cdc.Connector.Registry;
using Microsoft.AspNetCore.Http;

namespace Cdc.Connector.Tests.Registry;

/// <summary>
/// The connector's registry client (Confluent's CachedSchemaRegistryClient underneath) against a stand-in on Kestrel:
/// caching, concurrency, failover, timeouts, errors as the connector words them, and credentials kept out of messages.
/// </summary>
public sealed class RegistryClientTests : IAsyncLifetime
{
    private const string Schema = """{"type":"record","name":"Key","namespace":"cdc","fields":[{"name":"id","type":"string"}]}""";
    private const string OtherSchema = """{"type":"record","name":"Value","namespace":"cdc","fields":[{"name":"n","type":"long"}]}""";

    private FakeSchemaRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await FakeSchemaRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task Register_returns_the_id_and_sends_the_registry_media_type()
    {
        using var client = Client(_registry.Url);

        var first = await client.RegisterAsync("orders-value", Schema, CancellationToken.None);
        var second = await client.RegisterAsync("orders-key", OtherSchema, CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(2, second);
        Assert.All(_registry.Requests, r => Assert.Contains("accept=application/vnd.schemaregistry.v1+json", r));
        Assert.All(_registry.Requests, r => Assert.Contains("content-type=application/vnd.schemaregistry.v1+json", r));
        Assert.StartsWith("POST /subjects/orders-value/versions", _registry.Requests.First());
    }

    [Fact]
    public async Task A_second_register_of_the_same_schema_is_answered_from_the_cache()
    {
        using var client = Client(_registry.Url);

        var first = await client.RegisterAsync("orders-value", Schema, CancellationToken.None);
        var second = await client.RegisterAsync("orders-value", Schema, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, _registry.RequestCount);
    }

    [Fact]
    public async Task Fifty_concurrent_first_uses_send_exactly_one_request()
    {
        using var client = Client(_registry.Url);
        using var release = new SemaphoreSlim(0);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _registry.Intercept = async context =>
        {
            held.TrySetResult();
            await release.WaitAsync(TimeSpan.FromSeconds(60), context.RequestAborted);
            return false;
        };

        // The registry holds the request until the test has seen it arrive, so the calls are made while it is in flight;
        // on a slow machine some may come after the answer, and are then answered from the cache: one request either way.
        var calls = Enumerable.Range(0, 50).Select(_ => Task.Run(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None))).ToArray();
        await held.Task.WaitAsync(TimeSpan.FromSeconds(60));
        release.Release(50);
        var ids = await Task.WhenAll(calls);

        Assert.All(ids, id => Assert.Equal(1, id));
        Assert.Equal(1, _registry.RequestCount);
    }

    [Fact]
    public async Task Subjects_are_url_escaped()
    {
        using var client = Client(_registry.Url);

        await client.RegisterAsync("a b+c/d-value", Schema, CancellationToken.None);

        Assert.StartsWith("POST /subjects/a%20b%2Bc%2Fd-value/versions", _registry.Requests.Single());
    }

    [Fact]
    public async Task The_latest_version_of_a_subject_is_asked_of_the_registry_each_time()
    {
        await using var registry = await Cdc.Sandbox.SchemaRegistry.InMemorySchemaRegistry.StartAsync();
        using var client = Client(registry.Url);
        const string Second = """{"type":"record","name":"Key","namespace":"cdc","fields":[{"name":"id","type":"string"},{"name":"qty","type":["null","int"],"default":null}]}""";

        Assert.Null(await client.GetLatestAsync("orders-value", CancellationToken.None));
        var firstId = await client.RegisterAsync("orders-value", Schema, CancellationToken.None);
        var first = await client.GetLatestAsync("orders-value", CancellationToken.None);
        var secondId = await client.RegisterAsync("orders-value", Second, CancellationToken.None);
        var second = await client.GetLatestAsync("orders-value", CancellationToken.None);

        Assert.Equal((firstId, 1), (first!.Id, first.Version));
        Assert.Equal((secondId, 2), (second!.Id, second.Version));
        Assert.Contains("qty", second.SchemaJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_schema_by_id_returns_the_schema_and_is_cached()
    {
        using var client = Client(_registry.Url);
        var id = await client.RegisterAsync("orders-value", Schema, CancellationToken.None);

        var first = await client.GetSchemaByIdAsync(id, CancellationToken.None);
        var second = await client.GetSchemaByIdAsync(id, CancellationToken.None);
        var missing = await Assert.ThrowsAsync<RegistryRequestException>(() => client.GetSchemaByIdAsync(999, CancellationToken.None));

        Assert.Equal(Schema, first);
        Assert.Same(first, second);
        Assert.True(_registry.RequestCount == 3, string.Join("\n", _registry.Requests));
        Assert.Equal((404, 40403), (missing.StatusCode, missing.ErrorCode));
        Assert.Equal("Schema Registry get schema by id 999 failed at " + _registry.Url + ": HTTP 404 (NotFound), error_code 40403: Schema not found", missing.Message);
    }

    [Fact]
    public async Task A_failed_call_is_not_cached_and_a_later_call_asks_again()
    {
        using var client = Client(_registry.Url);
        _registry.IncompatibleSubjects.Add("orders-value");
        await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));
        _registry.IncompatibleSubjects.Clear();

        Assert.Equal(1, await client.RegisterAsync("orders-value", Schema, CancellationToken.None));
        Assert.Equal(1, await client.RegisterAsync("orders-value", Schema, CancellationToken.None));
        Assert.Equal(2, _registry.RequestCount);
    }

    [Fact]
    public async Task A_5xx_on_the_first_url_fails_over_to_the_second_and_remembers_it()
    {
        await using var failing = await FakeSchemaRegistry.StartAsync();
        failing.Intercept = async context =>
        {
            await FakeSchemaRegistry.WriteError(context, 503, 50301, "Service unavailable");
            return true;
        };
        using var client = Client(failing.Url, _registry.Url);

        Assert.Equal(1, await client.RegisterAsync("orders-value", Schema, CancellationToken.None));
        Assert.Equal(2, await client.RegisterAsync("orders-key", OtherSchema, CancellationToken.None));

        Assert.Equal(1, failing.RequestCount);
        Assert.Equal(2, _registry.RequestCount);
    }

    [Fact]
    public async Task A_dead_first_url_fails_over_to_the_second()
    {
        using var client = Client(DeadUrl(), _registry.Url);

        Assert.Equal(1, await client.RegisterAsync("orders-value", Schema, CancellationToken.None));
        Assert.Equal(1, _registry.RequestCount);
    }

    [Fact]
    public async Task A_url_that_does_not_answer_in_time_fails_over_to_the_second()
    {
        await using var slow = await FakeSchemaRegistry.StartAsync();
        // The first request to a fresh Kestrel compiles its pipeline; keep that out of the timeout under test, on both
        // servers (under load a cold slow server did not even see the request within the timeout).
        foreach (var url in new[] { _registry.Url, slow.Url })
        {
            using var warmUp = Client(url);
            await Assert.ThrowsAsync<RegistryRequestException>(() => warmUp.GetSchemaByIdAsync(1, CancellationToken.None));
        }

        var slowBefore = slow.RequestCount;
        var registryBefore = _registry.RequestCount;
        slow.Intercept = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
            return false;
        };

        // The limit every other test here gives a warm registry's answer (a loaded machine's stay well within it); the slow
        // URL never answers within it. The test waits this long for the slow URL, so no longer.
        using var client = Client(TimeSpan.FromSeconds(10), slow.Url, _registry.Url);

        var error = await Record.ExceptionAsync(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Null(error);
        Assert.Equal(1, slow.RequestCount - slowBefore);
        Assert.Equal(1, _registry.RequestCount - registryBefore);
    }

    [Fact]
    public async Task A_url_that_does_not_answer_in_time_is_reported_with_the_limit()
    {
        _registry.Intercept = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            return false;
        };
        using var client = Client(TimeSpan.FromMilliseconds(500), _registry.Url);

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Equal($"Schema Registry register of subject 'orders-value' failed: {_registry.Url} → no answer within 500 ms", error.Message);
    }

    [Fact]
    public async Task A_4xx_is_not_retried_on_another_url()
    {
        await using var second = await FakeSchemaRegistry.StartAsync();
        using var client = Client(_registry.Url, second.Url);

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", "{\"type\":\"record\"}", CancellationToken.None));

        Assert.Equal(1, _registry.RequestCount);
        Assert.Equal(0, second.RequestCount);
        Assert.Equal((422, 42201), (error.StatusCode, error.ErrorCode));
        Assert.StartsWith($"Schema Registry register of subject 'orders-value' failed at one of {_registry.Url}, {second.Url}: HTTP 422 (UnprocessableEntity), error_code 42201: Invalid schema", error.Message);
    }

    [Fact]
    public async Task An_incompatible_schema_reports_409()
    {
        _registry.IncompatibleSubjects.Add("orders-value");
        using var client = Client(_registry.Url);

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));
        await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Equal((409, 409), (error.StatusCode, error.ErrorCode));
        Assert.Contains("incompatible with an earlier schema", error.Message);
        Assert.True(_registry.RequestCount == 2, string.Join("\n", _registry.Requests));
    }

    [Fact]
    public async Task Basic_auth_is_sent_and_a_wrong_password_gives_40101_without_the_password()
    {
        _registry.RequiredBasicAuth = "alice:s3cret-pw";
        using var good = RegistryClient.Create(new RegistryClientOptions { Urls = [_registry.Url], BasicAuth = "alice:s3cret-pw" });
        using var bad = RegistryClient.Create(new RegistryClientOptions { Urls = [_registry.Url], BasicAuth = "alice:wrong-pw" });
        using var fromUrl = Client(_registry.Url.Replace("http://", "http://alice:s3cret-pw@", StringComparison.Ordinal));
        using var badFromUrl = Client(_registry.Url.Replace("http://", "http://bob:url-pw@", StringComparison.Ordinal));

        Assert.Equal(1, await good.RegisterAsync("orders-value", Schema, CancellationToken.None));
        Assert.Equal(Schema, await fromUrl.GetSchemaByIdAsync(1, CancellationToken.None));
        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => bad.RegisterAsync("orders-value", Schema, CancellationToken.None));
        var urlError = await Assert.ThrowsAsync<RegistryRequestException>(() => badFromUrl.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Equal((401, 40101, RegistryAuthKind.Basic), (error.StatusCode, error.ErrorCode, error.AuthKind));
        Assert.DoesNotContain("wrong-pw", error.ToString());
        Assert.DoesNotContain("s3cret", error.ToString());
        Assert.Equal((401, 40101), (urlError.StatusCode, urlError.ErrorCode));
        Assert.DoesNotContain("url-pw", urlError.ToString());
        Assert.Contains($"failed at {_registry.Url}: HTTP 401", urlError.Message);
    }

    [Fact]
    public async Task A_401_without_a_json_body_is_still_a_401()
    {
        _registry.Intercept = context =>
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic";
            return Task.FromResult(true);
        };
        using var client = RegistryClient.Create(new RegistryClientOptions { Urls = [_registry.Url], BasicAuth = "alice:pw" });

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Equal((401, (int?)null), (error.StatusCode, error.ErrorCode));
        Assert.Equal($"Schema Registry register of subject 'orders-value' failed at {_registry.Url}: HTTP 401 (Unauthorized)", error.Message);
    }

    [Fact]
    public void Urls_with_different_credentials_are_refused_because_one_set_goes_to_every_url()
    {
        var error = Assert.Throws<ArgumentException>(() => Client("http://alice:pw-one@sr1:8081", "http://bob:pw-two@sr2:8081"));

        Assert.Contains("carry different credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_of_two_kinds_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => RegistryClient.Create(new RegistryClientOptions { Urls = ["http://sr:8081"], BasicAuth = "a:b", BearerToken = "token-value" }));

        Assert.Equal("Schema Registry credentials are given in more than one way (basic auth, a bearer token); the registry takes one. (Parameter 'options')", error.Message);
    }

    [Fact]
    public async Task A_runaway_response_body_is_refused_not_buffered()
    {
        _registry.Intercept = async context =>
        {
            context.Response.StatusCode = 200;
            var chunk = new byte[1024 * 1024];
            for (var i = 0; i < 17; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }

            return true;
        };
        using var client = Client(_registry.Url);

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.GetSchemaByIdAsync(1, CancellationToken.None));

        Assert.Contains("no answer", error.Message);
        Assert.Contains("maximum buffer size", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_registrys_json_is_final()
    {
        _registry.Intercept = async context =>
        {
            context.Response.StatusCode = 200;
            await context.Response.WriteAsync("<html>a proxy's login page</html>");
            return true;
        };
        using var client = Client(_registry.Url);

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Equal(200, error.StatusCode);
        Assert.StartsWith($"Schema Registry register of subject 'orders-value' failed at {_registry.Url}: the answer is not the registry's JSON (", error.Message);
    }

    [Fact]
    public async Task When_every_url_fails_the_error_says_what_each_answered()
    {
        await using var failing = await FakeSchemaRegistry.StartAsync();
        failing.Intercept = async context =>
        {
            context.Response.StatusCode = 502;
            await context.Response.WriteAsync("<html>bad gateway</html>");
            return true;
        };
        var dead = DeadUrl();
        using var client = Client(dead, failing.Url);

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Equal(502, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.StartsWith("Schema Registry register of subject 'orders-value' failed at all 2 URLs: " + dead + " → no answer (", error.Message);
        Assert.EndsWith("; " + failing.Url + " → HTTP 502 (BadGateway)", error.Message);
    }

    [Fact]
    public async Task A_single_dead_url_gives_a_transport_error_and_a_later_call_retries()
    {
        var dead = DeadUrl();
        using var client = Client(dead);

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.GetSchemaByIdAsync(1, CancellationToken.None));
        var again = await Assert.ThrowsAsync<RegistryRequestException>(() => client.GetSchemaByIdAsync(1, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.StartsWith("Schema Registry get schema by id 1 failed: " + dead + " → no answer (Connection refused", error.Message);
        Assert.NotSame(error, again);
    }

    [Fact]
    public async Task A_caller_cancellation_stops_only_that_callers_wait()
    {
        using var release = new SemaphoreSlim(0);
        _registry.Intercept = async _ =>
        {
            await release.WaitAsync(TimeSpan.FromSeconds(10));
            return false;
        };
        using var client = Client(_registry.Url);
        using var cancelled = new CancellationTokenSource();

        var waiting = client.RegisterAsync("orders-value", Schema, cancelled.Token);
        var other = client.RegisterAsync("orders-value", Schema, CancellationToken.None);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.Release();

        Assert.Equal(1, await other);
        Assert.Equal(1, _registry.RequestCount);
    }

    [Theory]
    [InlineData(new string[0], "no URL")]
    [InlineData(new[] { "ftp://registry:8081" }, "not an absolute http:// or https:// URL")]
    [InlineData(new[] { "registry:8081" }, "not an absolute http:// or https:// URL")]
    [InlineData(new[] { "http://ok:8081", "" }, "URL #2 is empty")]
    [InlineData(new[] { "http://ok:8081?x=1" }, "query or fragment")]
    public void Invalid_urls_are_rejected_by_the_constructor(string[] urls, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Client(urls));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_invalid_url_with_credentials_is_reported_without_them()
    {
        var error = Assert.Throws<ArgumentException>(() => Client("ftp://user:hunter2@registry"));

        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Contains("ftp://***@registry", error.Message);
    }

    [Theory]
    [InlineData("nocolon-secret", "no ':'")]
    [InlineData(":secret", "an empty user")]
    public void Malformed_basic_auth_is_rejected_without_echoing_it(string basicAuth, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => RegistryClient.Create(new RegistryClientOptions { Urls = ["http://registry:8081"], BasicAuth = basicAuth }));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public void A_non_positive_timeout_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => RegistryClient.Create(new RegistryClientOptions { Urls = ["http://registry:8081"], RequestTimeout = TimeSpan.Zero }));

        Assert.Contains("timeout must be positive", error.Message);
    }

    private static RegistryClient Client(params string[] urls) => Client(TimeSpan.FromSeconds(10), urls);

    private static RegistryClient Client(TimeSpan timeout, params string[] urls) =>
        RegistryClient.Create(new RegistryClientOptions { Urls = urls, RequestTimeout = timeout });

    /// <summary>A 127.0.0.1 port that was free a moment ago and has nothing listening now: connections are refused.</summary>
    private static string DeadUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
