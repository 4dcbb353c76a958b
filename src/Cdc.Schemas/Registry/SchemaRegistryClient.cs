using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cdc.Schemas.Registry;

/// <summary>
/// A client for the Confluent Schema Registry REST API (Avro schemas): register, look up, and fetch by id.
/// </summary>
/// <remarks>
/// Results are cached for the client's lifetime and each (subject, schema) or id is requested exactly once even
/// when many callers ask at the same moment: the first caller's request is shared through a
/// <see cref="Lazy{T}"/> of its task, and a failed request is evicted so that a later call tries again.
/// Several URLs give failover: a 5xx answer, a connection failure or a timeout moves on to the next URL, and the URL
/// that last answered is tried first next time; a 4xx answer is the registry's verdict and is not retried.
/// </remarks>
internal sealed class SchemaRegistryClient : IDisposable
{
    private const string MediaType = "application/vnd.schemaregistry.v1+json";

    private readonly HttpClient _http;
    private readonly SchemaRegistryEndpoint[] _endpoints;
    private readonly AuthenticationHeaderValue?[] _authorizations;
    private readonly string[] _secrets;
    private readonly TimeSpan _requestTimeout;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ConcurrentDictionary<(string Subject, string Schema), Lazy<Task<int>>> _registered = new();
    private readonly ConcurrentDictionary<(string Subject, string Schema), Lazy<Task<int>>> _lookedUp = new();
    private readonly ConcurrentDictionary<int, Lazy<Task<string>>> _schemasById = new();
    private int _preferredEndpoint;

    public SchemaRegistryClient(SchemaRegistryOptions options, HttpMessageHandler? handler = null)
    {
        if (options.Urls is null || options.Urls.Count == 0)
        {
            throw new ArgumentException("Schema Registry options name no URL; give at least one http:// or https:// base URL.", nameof(options));
        }

        if (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"Schema Registry request timeout must be positive, not {options.RequestTimeout}.", nameof(options));
        }

        _endpoints = new SchemaRegistryEndpoint[options.Urls.Count];
        for (var i = 0; i < _endpoints.Length; i++)
        {
            _endpoints[i] = SchemaRegistryEndpoint.Parse(options.Urls[i], i);
        }

        if (options.BasicAuth is { } basicAuth)
        {
            var colon = basicAuth.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ArgumentException("Schema Registry basic auth must be 'user:password' with a non-empty user (the value given has " + (colon < 0 ? "no ':'" : "an empty user") + ").", nameof(options));
            }
        }

        // Explicit basic auth applies to every URL; otherwise each URL uses the user:password it carries, if any.
        _authorizations = new AuthenticationHeaderValue?[_endpoints.Length];
        var secrets = new List<string>();
        for (var i = 0; i < _endpoints.Length; i++)
        {
            if ((options.BasicAuth ?? _endpoints[i].UserInfo) is { } credentials)
            {
                _authorizations[i] = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
                var password = credentials[(credentials.IndexOf(':', StringComparison.Ordinal) + 1)..];
                if (password.Length > 0)
                {
                    secrets.Add(password);
                }
            }
        }

        _secrets = [.. secrets];
        _requestTimeout = options.RequestTimeout;
        // A bounded connection lifetime lets a long-running process follow DNS changes of the registry's hosts.
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;

        // Registry answers are small JSON documents; a runaway body (a misrouted URL, say) must not exhaust memory.
        _http.MaxResponseContentBufferSize = 16 * 1024 * 1024;
    }

    /// <summary>Registers <paramref name="schemaJson"/> under <paramref name="subject"/> (or finds it there) and returns its global id.</summary>
    public Task<int> RegisterAsync(string subject, string schemaJson, CancellationToken ct) =>
        Cached(_registered, (Subject: subject, Schema: schemaJson), key => FetchIdAsync("register", key.Subject, $"subjects/{Uri.EscapeDataString(key.Subject)}/versions", key.Schema), ct);

    /// <summary>The id of <paramref name="schemaJson"/> if it is registered under <paramref name="subject"/>; 40401/40403 otherwise.</summary>
    public Task<int> LookupAsync(string subject, string schemaJson, CancellationToken ct) =>
        Cached(_lookedUp, (Subject: subject, Schema: schemaJson), key => FetchIdAsync("lookup", key.Subject, $"subjects/{Uri.EscapeDataString(key.Subject)}", key.Schema), ct);

    /// <summary>The schema JSON registered with <paramref name="id"/>.</summary>
    public Task<string> GetSchemaByIdAsync(int id, CancellationToken ct) => Cached(_schemasById, id, FetchSchemaAsync, ct);

    /// <summary>
    /// The compatibility level of <paramref name="subject"/> (its own, else the global one), or the global level when
    /// <paramref name="subject"/> is null. Not cached: it answers "what is it now".
    /// </summary>
    public async Task<string> GetCompatibilityLevelAsync(string? subject, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var operation = "get compatibility level";
        var path = subject is null ? "config" : $"config/{Uri.EscapeDataString(subject)}?defaultToGlobal=true";
        var (body, endpoint, status) = await SendAsync(operation, subject, HttpMethod.Get, path, body: null).WaitAsync(ct);
        return ParseSuccess(body) is { } root && root.TryGetProperty("compatibilityLevel", out var level) && level.ValueKind == JsonValueKind.String
            ? level.GetString()!
            : throw Failure(operation, subject, $" at {endpoint.Display}: HTTP {status} without a string 'compatibilityLevel' in the body: {Abbreviate(body)}", status, null, null);
    }

    /// <summary>
    /// Whether <paramref name="schemaJson"/> would be accepted under <paramref name="subject"/>'s compatibility level,
    /// tested against its latest version (POST /compatibility/subjects/{subject}/versions/latest?verbose=true). A subject
    /// without versions throws <see cref="SchemaRegistryException"/> with error code 40401. Not cached.
    /// </summary>
    public async Task<SchemaCompatibilityResult> TestCompatibilityAsync(string subject, string schemaJson, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var operation = "compatibility test";
        var path = $"compatibility/subjects/{Uri.EscapeDataString(subject)}/versions/latest?verbose=true";
        var (body, endpoint, status) = await SendAsync(operation, subject, HttpMethod.Post, path, SchemaBody(schemaJson)).WaitAsync(ct);
        if (ParseSuccess(body) is not { } root || !root.TryGetProperty("is_compatible", out var compatible)
            || compatible.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Failure(operation, subject, $" at {endpoint.Display}: HTTP {status} without a boolean 'is_compatible' in the body: {Abbreviate(body)}", status, null, null);
        }

        var messages = new List<string>();
        if (root.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in list.EnumerateArray())
            {
                messages.Add(message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText());
            }
        }

        return new SchemaCompatibilityResult(compatible.ValueKind == JsonValueKind.True, messages);
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _http.Dispose();
        _disposed.Dispose();
    }

    private async Task<int> FetchIdAsync(string operation, string subject, string relativePath, string schemaJson)
    {
        var (body, endpoint, status) = await SendAsync(operation, subject, HttpMethod.Post, relativePath, SchemaBody(schemaJson));
        return ParseSuccess(body) is { } root && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var value)
            ? value
            : throw Failure(operation, subject, $" at {endpoint.Display}: HTTP {status} without an integer 'id' in the body: {Abbreviate(body)}", status, null, null);
    }

    private async Task<string> FetchSchemaAsync(int id)
    {
        var operation = $"get schema by id {id}";
        var (body, endpoint, status) = await SendAsync(operation, null, HttpMethod.Get, $"schemas/ids/{id}", body: null);
        return ParseSuccess(body) is { } root && root.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.String
            ? schema.GetString()!
            : throw Failure(operation, null, $" at {endpoint.Display}: HTTP {status} without a string 'schema' in the body: {Abbreviate(body)}", status, null, null);
    }

    private Task<TValue> Cached<TKey, TValue>(ConcurrentDictionary<TKey, Lazy<Task<TValue>>> cache, TKey key, Func<TKey, Task<TValue>> fetch, CancellationToken ct)
        where TKey : notnull
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);

        // GetOrAdd may build several entries in a race but publishes one, and only a published entry's Value starts
        // a request. The shared request runs on the client's lifetime; a caller's token only stops this caller's wait.
        var entry = cache.GetOrAdd(key, static (k, state) => CreateEntry(state.Cache, k, state.Fetch), (Cache: cache, Fetch: fetch));
        return entry.Value.WaitAsync(ct);
    }

    private static Lazy<Task<TValue>> CreateEntry<TKey, TValue>(ConcurrentDictionary<TKey, Lazy<Task<TValue>>> cache, TKey key, Func<TKey, Task<TValue>> fetch)
        where TKey : notnull
    {
        Lazy<Task<TValue>>? entry = null;
        entry = new Lazy<Task<TValue>>(() => FetchOrEvictAsync(cache, key, fetch, entry!), LazyThreadSafetyMode.ExecutionAndPublication);
        return entry;
    }

    /// <summary>A failure is evicted before any caller sees it, so every call after a failure sends a fresh request.</summary>
    private static async Task<TValue> FetchOrEvictAsync<TKey, TValue>(ConcurrentDictionary<TKey, Lazy<Task<TValue>>> cache, TKey key, Func<TKey, Task<TValue>> fetch, Lazy<Task<TValue>> entry)
        where TKey : notnull
    {
        try
        {
            return await fetch(key);
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<TKey, Lazy<Task<TValue>>>(key, entry));
            throw;
        }
    }

    /// <summary>Sends to each URL in turn from the preferred one until one answers 2xx (returned) or 4xx (thrown).</summary>
    private async Task<(string Body, SchemaRegistryEndpoint Endpoint, int Status)> SendAsync(string operation, string? subject, HttpMethod method, string relativePath, string? body)
    {
        var failures = new StringBuilder();
        int? lastStatus = null;
        int? lastErrorCode = null;
        Exception? lastException = null;
        var first = Volatile.Read(ref _preferredEndpoint);
        for (var attempt = 0; attempt < _endpoints.Length; attempt++)
        {
            var index = (first + attempt) % _endpoints.Length;
            var endpoint = _endpoints[index];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
            timeout.CancelAfter(_requestTimeout);
            try
            {
                using var request = CreateRequest(method, new Uri(endpoint.BaseUri, relativePath), _authorizations[index], body);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    Volatile.Write(ref _preferredEndpoint, index);
                    return (text, endpoint, status);
                }

                var (errorCode, message) = ParseError(text);
                var answer = $"HTTP {status} ({response.StatusCode}){(errorCode is null ? string.Empty : $", error_code {errorCode}")}: {message}";
                if (status < 500)
                {
                    // The registry answered; its verdict (incompatible, invalid, not found, unauthorised) is final.
                    Volatile.Write(ref _preferredEndpoint, index);
                    throw Failure(operation, subject, $" at {endpoint.Display}: {answer}", status, errorCode, null);
                }

                lastStatus = status;
                lastErrorCode = errorCode;
                Append(failures, endpoint, answer);
            }
            catch (HttpRequestException e)
            {
                lastException = e;
                Append(failures, endpoint, $"no answer ({e.Message})");
            }
            catch (OperationCanceledException e) when (!_disposed.IsCancellationRequested)
            {
                lastException = e;
                Append(failures, endpoint, $"no answer within {_requestTimeout.TotalMilliseconds:0} ms");
            }
        }

        var where = _endpoints.Length == 1 ? string.Empty : $" at all {_endpoints.Length} URLs";
        throw Failure(operation, subject, $"{where}: {failures}", lastStatus, lastErrorCode, lastException);
    }

    private static HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, AuthenticationHeaderValue? authorization, string? body)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.ParseAdd(MediaType);
        request.Headers.Authorization = authorization;
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        }

        return request;
    }

    private SchemaRegistryException Failure(string operation, string? subject, string detail, int? status, int? errorCode, Exception? inner)
    {
        var about = subject is null ? string.Empty : $" of subject '{subject}'";
        var message = $"Schema Registry {operation}{about} failed{detail}";
        foreach (var secret in _secrets)
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        return new SchemaRegistryException(message, status, errorCode, inner);
    }

    private static void Append(StringBuilder failures, SchemaRegistryEndpoint endpoint, string answer)
    {
        if (failures.Length > 0)
        {
            failures.Append("; ");
        }

        failures.Append(endpoint.Display).Append(" → ").Append(answer);
    }

    private static string SchemaBody(string schemaJson)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("schema", schemaJson);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static JsonElement? ParseSuccess(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (int? ErrorCode, string Message) ParseError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                int? code = root.TryGetProperty("error_code", out var c) && c.TryGetInt32(out var v) ? v : null;
                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : Abbreviate(text);
                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): show the text itself.
        }

        return (null, text.Length == 0 ? "(empty body)" : Abbreviate(text));
    }

    private static string Abbreviate(string text) => text.Length <= 500 ? text : string.Concat(text.AsSpan(0, 500), "…");
}
