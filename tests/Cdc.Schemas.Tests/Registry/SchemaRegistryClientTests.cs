using System.Net;
using System.Net.Sockets;
using Cdc.Schemas.Registry;
using Microsoft.AspNetCore.Http;

namespace Cdc.Schemas.Tests.Registry;

public sealed class SchemaRegistryClientTests : IAsyncLifetime
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
        Assert.All(_registry.Requests, r => Assert.Contains("accept=application/vnd.schemaregistry.v1+json content-type=application/vnd.schemaregistry.v1+json", r));
        Assert.Contains("POST /subjects/orders-value/versions accept", _registry.Requests.First());
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
        _registry.Intercept = async _ =>
        {
            await release.WaitAsync(TimeSpan.FromSeconds(10));
            return false;
        };

        var calls = Enumerable.Range(0, 50).Select(_ => Task.Run(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None))).ToArray();
        await Task.Delay(200);
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

        Assert.Contains("POST /subjects/a%20b%2Bc%2Fd-value/versions", _registry.Requests.Single());
    }

    [Fact]
    public async Task Lookup_finds_a_registered_schema_and_reports_missing_subject_and_schema_codes()
    {
        using var registering = Client(_registry.Url);
        var id = await registering.RegisterAsync("orders-value", Schema, CancellationToken.None);
        using var client = Client(_registry.Url);

        Assert.Equal(id, await client.LookupAsync("orders-value", Schema, CancellationToken.None));
        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.LookupAsync("nope-value", Schema, CancellationToken.None));
        var noSchema = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.LookupAsync("orders-value", OtherSchema, CancellationToken.None));

        Assert.Equal((404, 40401), (noSubject.StatusCode, noSubject.ErrorCode));
        Assert.Contains("lookup of subject 'nope-value' failed at " + _registry.Url + ": HTTP 404 (NotFound), error_code 40401: Subject 'nope-value' not found.", noSubject.Message);
        Assert.Equal((404, 40403), (noSchema.StatusCode, noSchema.ErrorCode));
        Assert.Contains("error_code 40403: Schema not found", noSchema.Message);
    }

    [Fact]
    public async Task A_failed_lookup_is_not_cached_and_a_later_call_retries()
    {
        using var client = Client(_registry.Url);
        await Assert.ThrowsAsync<SchemaRegistryException>(() => client.LookupAsync("orders-value", Schema, CancellationToken.None));
        using var registering = Client(_registry.Url);
        var id = await registering.RegisterAsync("orders-value", Schema, CancellationToken.None);

        Assert.Equal(id, await client.LookupAsync("orders-value", Schema, CancellationToken.None));
        Assert.Equal(id, await client.LookupAsync("orders-value", Schema, CancellationToken.None));
        Assert.Equal(3, _registry.RequestCount);
    }

    [Fact]
    public async Task Get_schema_by_id_returns_the_schema_and_is_cached()
    {
        using var client = Client(_registry.Url);
        var id = await client.RegisterAsync("orders-value", Schema, CancellationToken.None);

        var first = await client.GetSchemaByIdAsync(id, CancellationToken.None);
        var second = await client.GetSchemaByIdAsync(id, CancellationToken.None);
        var missing = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaByIdAsync(999, CancellationToken.None));

        Assert.Equal(Schema, first);
        Assert.Same(first, second);
        Assert.True(_registry.RequestCount == 3, string.Join("\n", _registry.Requests));
        Assert.Equal(40403, missing.ErrorCode);
        Assert.Contains("get schema by id 999 failed at " + _registry.Url + ": HTTP 404 (NotFound), error_code 40403: Schema not found", missing.Message);
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
            await Assert.ThrowsAsync<SchemaRegistryException>(() => warmUp.GetSchemaByIdAsync(1, CancellationToken.None));
        }

        var slowBefore = slow.RequestCount;
        var registryBefore = _registry.RequestCount;
        slow.Intercept = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            return false;
        };

        using var client = Client(TimeSpan.FromMilliseconds(1500), slow.Url, _registry.Url);

        var error = await Record.ExceptionAsync(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Null(error);
        Assert.Equal(1, slow.RequestCount - slowBefore);
        Assert.Equal(1, _registry.RequestCount - registryBefore);
    }

    [Fact]
    public async Task A_4xx_is_not_retried_on_another_url()
    {
        await using var second = await FakeSchemaRegistry.StartAsync();
        using var client = Client(_registry.Url, second.Url);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterAsync("orders-value", "{\"type\":\"record\"}", CancellationToken.None));

        Assert.Equal(1, _registry.RequestCount);
        Assert.Equal(0, second.RequestCount);
        Assert.Equal((422, 42201), (error.StatusCode, error.ErrorCode));
        Assert.Contains("register of subject 'orders-value' failed at " + _registry.Url + ": HTTP 422 (UnprocessableEntity), error_code 42201: Invalid schema", error.Message);
    }

    [Fact]
    public async Task An_incompatible_schema_reports_409()
    {
        _registry.IncompatibleSubjects.Add("orders-value");
        using var client = Client(_registry.Url);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));
        await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Equal((409, 409), (error.StatusCode, error.ErrorCode));
        Assert.Contains("incompatible with an earlier schema", error.Message);
        Assert.True(_registry.RequestCount == 2, string.Join("\n", _registry.Requests));
    }

    [Fact]
    public async Task Basic_auth_is_sent_and_a_wrong_password_gives_40101_without_the_password()
    {
        _registry.RequiredBasicAuth = "alice:s3cret-pw";
        using var good = new SchemaRegistryClient(new SchemaRegistryOptions { Urls = [_registry.Url], BasicAuth = "alice:s3cret-pw" });
        using var bad = new SchemaRegistryClient(new SchemaRegistryOptions { Urls = [_registry.Url], BasicAuth = "alice:wrong-pw" });
        using var fromUrl = new SchemaRegistryClient(new SchemaRegistryOptions { Urls = [_registry.Url.Replace("http://", "http://alice:s3cret-pw@", StringComparison.Ordinal)] });
        using var badFromUrl = new SchemaRegistryClient(new SchemaRegistryOptions { Urls = [_registry.Url.Replace("http://", "http://bob:url-pw@", StringComparison.Ordinal)] });

        Assert.Equal(1, await good.RegisterAsync("orders-value", Schema, CancellationToken.None));
        Assert.Equal(1, await fromUrl.GetSchemaByIdAsync(1, CancellationToken.None) == Schema ? 1 : 0);
        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => bad.RegisterAsync("orders-value", Schema, CancellationToken.None));
        var urlError = await Assert.ThrowsAsync<SchemaRegistryException>(() => badFromUrl.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Equal((401, 40101), (error.StatusCode, error.ErrorCode));
        Assert.DoesNotContain("wrong-pw", error.ToString());
        Assert.DoesNotContain("s3cret", error.ToString());
        Assert.Equal(40101, urlError.ErrorCode);
        Assert.DoesNotContain("url-pw", urlError.ToString());
        Assert.Contains("http://***@127.0.0.1:", urlError.Message);
    }

    [Fact]
    public async Task Each_url_uses_its_own_credentials_when_no_basic_auth_is_given()
    {
        _registry.RequiredBasicAuth = "alice:pw-one";
        await using var second = await FakeSchemaRegistry.StartAsync();
        second.RequiredBasicAuth = "bob:pw-two";
        second.Intercept = async context =>
        {
            await FakeSchemaRegistry.WriteError(context, 500, 50001, "Store error");
            return true;
        };
        using var client = new SchemaRegistryClient(new SchemaRegistryOptions
        {
            Urls = [second.Url.Replace("http://", "http://bob:pw-two@", StringComparison.Ordinal), _registry.Url.Replace("http://", "http://alice:pw-one@", StringComparison.Ordinal)],
        });

        Assert.Equal(1, await client.RegisterAsync("orders-value", Schema, CancellationToken.None));
        Assert.Equal(1, second.RequestCount);
        Assert.Equal(1, _registry.RequestCount);
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

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaByIdAsync(1, CancellationToken.None));

        Assert.Contains("no answer", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
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

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Equal(502, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.StartsWith("Schema Registry register of subject 'orders-value' failed at all 2 URLs: " + dead + " → no answer (", error.Message);
        Assert.Contains("; " + failing.Url + " → HTTP 502 (BadGateway): <html>bad gateway</html>", error.Message);
    }

    [Fact]
    public async Task A_single_dead_url_gives_a_transport_error_and_a_later_call_retries()
    {
        var dead = DeadUrl();
        using var client = Client(dead);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaByIdAsync(1, CancellationToken.None));
        var again = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaByIdAsync(1, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.StartsWith("Schema Registry get schema by id 1 failed: " + dead + " → no answer", error.Message);
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
        var error = Assert.Throws<ArgumentException>(() => new SchemaRegistryClient(new SchemaRegistryOptions { Urls = urls }));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_invalid_url_with_credentials_is_reported_without_them()
    {
        var error = Assert.Throws<ArgumentException>(() => new SchemaRegistryClient(new SchemaRegistryOptions { Urls = ["ftp://user:hunter2@registry"] }));

        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Contains("ftp://***@registry", error.Message);
    }

    [Theory]
    [InlineData("nocolon-secret", "no ':'")]
    [InlineData(":secret", "an empty user")]
    public void Malformed_basic_auth_is_rejected_without_echoing_it(string basicAuth, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new SchemaRegistryClient(new SchemaRegistryOptions { Urls = ["http://registry:8081"], BasicAuth = basicAuth }));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public void A_non_positive_timeout_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new SchemaRegistryClient(new SchemaRegistryOptions { Urls = ["http://registry:8081"], RequestTimeout = TimeSpan.Zero }));

        Assert.Contains("timeout must be positive", error.Message);
    }

    private static SchemaRegistryClient Client(params string[] urls) => Client(TimeSpan.FromSeconds(10), urls);

    private static SchemaRegistryClient Client(TimeSpan timeout, params string[] urls) =>
        new(new SchemaRegistryOptions { Urls = urls, RequestTimeout = timeout });

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
