using System.Globalization;
using Cdc.Connector.Tls;
using Confluent.SchemaRegistry;

namespace Cdc.Connector.Registry;

/// <summary>
/// The connector's Schema Registry client: Confluent's <see cref="CachedSchemaRegistryClient"/> for registration, schema
/// lookup by id, compatibility levels and credentials (basic, a static bearer token, OAuth client credentials), plus
/// what it lacks: a verbose compatibility test (<see cref="VerboseCompatibilityService"/>), the connector's TLS settings
/// (<see cref="RegistryTransport"/>) and errors that name the operation, the subject and each URL's answer
/// (<see cref="RegistryFailures"/>).
/// </summary>
/// <remarks>
/// Confluent's client caches registrations and schemas for its lifetime, sends one request for many concurrent callers
/// of the same (subject, schema) or id, and evicts a failure so that the next call asks again. With several URLs, a URL
/// that does not answer, times out or answers a retried status (408, 429, 5xx but 501/505…) gives way to the next, and
/// the one that last answered is asked first. It makes one attempt per URL here: the callers retry with their own
/// backoff, and log and count each failure. Everything is on the hot path's side of the schema ids: the connector's own
/// encoder writes the Avro bytes; this client is asked once per route and schema.
/// </remarks>
internal sealed class RegistryClient : IDisposable
{
    private readonly CachedSchemaRegistryClient _client;
    private readonly IAuthenticationHeaderValueProvider? _authentication;
    private readonly HttpClient? _tokenEndpointClient;
    private readonly TlsMaterial _tls;
    private readonly RegistryFailures _failures;
    private readonly string _urls;
    private readonly TimeSpan _timeout;
    private readonly Lock _compatibilityLock = new();
    private VerboseCompatibilityService? _compatibility;
    private bool _disposed;

    private RegistryClient(
        CachedSchemaRegistryClient client, IAuthenticationHeaderValueProvider? authentication, HttpClient? tokenEndpointClient, TlsMaterial tls,
        RegistryFailures failures, string urls, TimeSpan timeout, RegistryAuthKind authKind)
    {
        _client = client;
        _authentication = authentication;
        _tokenEndpointClient = tokenEndpointClient;
        _tls = tls;
        _failures = failures;
        _urls = urls;
        _timeout = timeout;
        AuthKind = authKind;
    }

    /// <summary>The credentials this client presents.</summary>
    public RegistryAuthKind AuthKind { get; }

    /// <summary>
    /// Checks <paramref name="options"/>, reads the TLS files and builds the client; contacts nothing. Throws
    /// <see cref="ArgumentException"/> naming what is wrong, never showing a credential.
    /// </summary>
    public static RegistryClient Create(RegistryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Urls is null || options.Urls.Count == 0)
        {
            throw new ArgumentException("Schema Registry options name no URL; give at least one http:// or https:// base URL.", nameof(options));
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException($"Schema Registry request timeout must be positive, not {options.RequestTimeout}.", nameof(options));
        }

        var endpoints = options.Urls.Select(RegistryEndpoint.Parse).ToArray();
        var basicAuth = options.BasicAuth ?? UrlCredentials(endpoints);
        if (basicAuth is not null)
        {
            var colon = basicAuth.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ArgumentException("Schema Registry basic auth must be 'user:password' with a non-empty user (the value given has " + (colon < 0 ? "no ':'" : "an empty user") + ").", nameof(options));
            }
        }

        var kinds = new List<string>();
        if (basicAuth is not null)
        {
            kinds.Add("basic auth");
        }

        if (options.BearerToken is not null)
        {
            kinds.Add("a bearer token");
        }

        if (options.OAuth is not null)
        {
            kinds.Add("OAuth");
        }

        if (kinds.Count > 1)
        {
            throw new ArgumentException($"Schema Registry credentials are given in more than one way ({string.Join(", ", kinds)}); the registry takes one.", nameof(options));
        }

        var tls = TlsMaterial.Load("schemaRegistry", options.TlsCAFile, options.TlsCertificateKeyFile);
        HttpClient? tokenEndpointClient = null;
        CachedSchemaRegistryClient? client = null;
        try
        {
            IAuthenticationHeaderValueProvider? authentication;
            RegistryAuthKind authKind;
            var secrets = new List<string>();
            if (basicAuth is not null)
            {
                var colon = basicAuth.IndexOf(':', StringComparison.Ordinal);
                authentication = new BasicAuthenticationHeaderValueProvider(basicAuth[..colon], basicAuth[(colon + 1)..]);
                authKind = RegistryAuthKind.Basic;
                secrets.Add(basicAuth[(colon + 1)..]);
            }
            else if (options.BearerToken is { } token)
            {
                // Confluent Cloud's logical cluster and identity pool headers are not configurable here: null sends none.
                authentication = new StaticBearerAuthenticationHeaderValueProvider(token, null, null);
                authKind = RegistryAuthKind.BearerToken;
                secrets.Add(token);
            }
            else if (options.OAuth is { } oauth)
            {
                tokenEndpointClient = RegistryTransport.CreateTokenEndpointClient(tls, options.RequestTimeout);
                authentication = new BearerAuthenticationHeaderValueProvider(
                    tokenEndpointClient, oauth.ClientId, oauth.ClientSecret, oauth.Scope ?? string.Empty, oauth.TokenEndpointUrl,
                    logicalCluster: null, identityPool: null, maxRetries: 0, retriesWaitMs: 0, retriesMaxWaitMs: 0);
                authKind = RegistryAuthKind.OAuth;
                secrets.Add(oauth.ClientSecret);
            }
            else
            {
                authentication = null;
                authKind = RegistryAuthKind.None;
            }

            var urls = string.Join(",", endpoints.Select(e => e.BaseUrl));
            var config = new Dictionary<string, string>
            {
                [SchemaRegistryConfig.PropertyNames.SchemaRegistryUrl] = urls,
                [SchemaRegistryConfig.PropertyNames.SchemaRegistryRequestTimeoutMs] = ((int)options.RequestTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),

                // One attempt per URL: the connector's callers retry with their own backoff, and log and count every failure.
                [SchemaRegistryConfig.PropertyNames.SchemaRegistryMaxRetries] = "1",
            };
            client = new CachedSchemaRegistryClient(config, authentication);
            RegistryTransport.Install(client, tls, options.RequestTimeout);
            var failures = new RegistryFailures(endpoints, options.RequestTimeout, authKind, options.OAuth?.TokenEndpointUrl, secrets);
            return new RegistryClient(client, authentication, tokenEndpointClient, tls, failures, urls, options.RequestTimeout, authKind);
        }
        catch
        {
            client?.Dispose();
            tokenEndpointClient?.Dispose();
            tls.Dispose();
            throw;
        }
    }

    /// <summary>Registers <paramref name="schemaJson"/> under <paramref name="subject"/> (or finds it there) and returns its global id.</summary>
    public Task<int> RegisterAsync(string subject, string schemaJson, CancellationToken ct) =>
        Call(() => _client.RegisterSchemaAsync(subject, schemaJson, normalize: false), "register", subject, ct);

    /// <summary>The schema JSON registered with <paramref name="id"/>.</summary>
    public async Task<string> GetSchemaByIdAsync(int id, CancellationToken ct)
    {
        var schema = await Call(() => _client.GetSchemaAsync(id), $"get schema by id {id}", null, ct).ConfigureAwait(false);
        return schema.SchemaString;
    }

    /// <summary>
    /// The latest version registered under <paramref name="subject"/> (its global id, version number and schema JSON),
    /// or null when the subject has none (error code 40401): what a typed namespace's schema ledger starts from. Asked
    /// of the registry every time (Confluent's cached client would keep the first answer for the process's life).
    /// </summary>
    public Task<RegisteredSubjectSchema?> GetLatestAsync(string subject, CancellationToken ct) =>
        Call(
            async () =>
            {
                try
                {
                    var latest = await Compatibility().GetLatestSchemaAsync(subject).ConfigureAwait(false);
                    return new RegisteredSubjectSchema(latest.Id, latest.Version, latest.SchemaString);
                }
                catch (SchemaRegistryException e) when (e.ErrorCode == 40401)
                {
                    return null;
                }
            },
            "get latest version",
            subject,
            ct);

    /// <summary>
    /// The compatibility level of <paramref name="subject"/> (its own, else the global one), or the global level when
    /// <paramref name="subject"/> is null, as the registry names it (BACKWARD, FULL_TRANSITIVE…). Not cached.
    /// </summary>
    public Task<string> GetCompatibilityLevelAsync(string? subject, CancellationToken ct) =>
        Call(
            async () =>
            {
                Compatibility level;
                try
                {
                    level = await _client.GetCompatibilityAsync(subject).ConfigureAwait(false);
                }
                catch (SchemaRegistryException e) when (subject is not null && e.ErrorCode is 40408 or 40401)
                {
                    // Confluent's client does not ask with defaultToGlobal=true: a subject without a level of its own is
                    // 40408 (40401 on older registries), and then the global level applies.
                    level = await _client.GetCompatibilityAsync(null).ConfigureAwait(false);
                }

                return Name(level);
            },
            "get compatibility level",
            subject,
            ct);

    /// <summary>
    /// Whether <paramref name="schemaJson"/> would be accepted under <paramref name="subject"/>'s compatibility level,
    /// tested against its latest version, with the registry's reasons. A subject without versions throws
    /// <see cref="RegistryRequestException"/> with error code 40401. Not cached.
    /// </summary>
    public Task<SchemaCompatibilityResult> TestCompatibilityAsync(string subject, string schemaJson, CancellationToken ct) =>
        Call(() => Compatibility().TestLatestAsync(subject, schemaJson), "compatibility test", subject, ct);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _client.Dispose();
        lock (_compatibilityLock)
        {
            _compatibility?.Dispose();
        }

        (_authentication as IDisposable)?.Dispose();
        _tokenEndpointClient?.Dispose();
        _tls.Dispose();
    }

    /// <summary>Runs a library call, waiting at most until <paramref name="ct"/>; its failures become <see cref="RegistryRequestException"/>.</summary>
    private async Task<T> Call<T>(Func<Task<T>> call, string operation, string? subject, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            // The request itself is shared with other callers and bounded by the request timeout; the caller's token only
            // stops this caller's wait.
            return await call().WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (RegistryFailures.IsRequestFailure(e))
        {
            throw _failures.Translate(e, operation, subject);
        }
    }

    private VerboseCompatibilityService Compatibility()
    {
        lock (_compatibilityLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_compatibility is null)
            {
                var service = new VerboseCompatibilityService(_urls, (int)_timeout.TotalMilliseconds, _authentication);
                try
                {
                    RegistryTransport.Install(service, _tls, _timeout);
                }
                catch
                {
                    service.Dispose();
                    throw;
                }

                _compatibility = service;
            }

            return _compatibility;
        }
    }

    /// <summary>The one user:password the URLs carry, or null; URLs with different credentials cannot be served.</summary>
    private static string? UrlCredentials(IReadOnlyList<RegistryEndpoint> endpoints)
    {
        var credentials = endpoints.Select(e => e.UserInfo).Where(u => u is not null).Distinct(StringComparer.Ordinal).ToArray();
        return credentials.Length switch
        {
            0 => null,
            1 => credentials[0],
            _ => throw new ArgumentException("The Schema Registry URLs carry different credentials, but Confluent's client sends one set to every URL: give them once in schemaRegistry.basicAuth."),
        };
    }

    private static string Name(Compatibility level) => level switch
    {
        Confluent.SchemaRegistry.Compatibility.None => "NONE",
        Confluent.SchemaRegistry.Compatibility.Forward => "FORWARD",
        Confluent.SchemaRegistry.Compatibility.Backward => "BACKWARD",
        Confluent.SchemaRegistry.Compatibility.Full => "FULL",
        Confluent.SchemaRegistry.Compatibility.ForwardTransitive => "FORWARD_TRANSITIVE",
        Confluent.SchemaRegistry.Compatibility.BackwardTransitive => "BACKWARD_TRANSITIVE",
        Confluent.SchemaRegistry.Compatibility.FullTransitive => "FULL_TRANSITIVE",
        _ => level.ToString().ToUpperInvariant(),
    };
}
