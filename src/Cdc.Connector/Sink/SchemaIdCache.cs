using Cdc.Connector.Registry;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Sink;

/// <summary>
/// The Schema Registry ids of each route's key and value schemas, registered on first sight and cached per route
/// object (routes are cached by the mapper, so a hit is a reference lookup and allocates nothing). Used by the reading
/// thread only, which it may block: while the registry is unreachable nothing is read, so nothing is lost. Each failed
/// call that is retried is reported to the <see cref="IRegistryRetryListener"/>, so the pause is never silent.
/// Not thread-safe, and needs not be: <see cref="PreRegister"/> runs on the reading thread too, before its first read.
/// </summary>
internal sealed class SchemaIdCache
{
    private readonly RegistryClient _client;
    private readonly SubjectNameStrategy _strategy;
    private readonly RegistryRetrier _retrier;
    private readonly ILogger _logger;
    private readonly Dictionary<NamespaceRoute, SchemaIds> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<NamespaceRoute, int> _keyIds = new(ReferenceEqualityComparer.Instance);
    private NamespaceRoute? _lastRoute;
    private SchemaIds _lastIds;

    public SchemaIdCache(RegistryClient client, SubjectNameStrategy strategy, SchemaIdRetrySettings retry, ILogger logger, IRegistryRetryListener? listener = null)
    {
        _client = client;
        _strategy = strategy;
        _retrier = new RegistryRetrier(retry, logger, listener);
        _logger = logger;
    }

    /// <summary>
    /// The ids for <paramref name="route"/>. Retries an unreachable registry (no answer, 5xx, 408, 429) until it
    /// answers or <paramref name="cancellationToken"/> is cancelled (then <see cref="OperationCanceledException"/>);
    /// a refusal throws <see cref="SchemaIdRegistrationException"/>.
    /// </summary>
    public SchemaIds Resolve(NamespaceRoute route, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(route, _lastRoute))
        {
            return _lastIds;
        }

        if (!_ids.TryGetValue(route, out var ids))
        {
            ids = new SchemaIds(
                Register(route.Topic, isKey: true, route.Schemas.Key, cancellationToken),
                Register(route.Topic, isKey: false, route.Schemas.Value, cancellationToken));
            _ids.Add(route, ids);
            SchemaIdLog.Registered(_logger, route.Topic, ids.KeyId, ids.ValueId);
        }

        _lastRoute = route;
        _lastIds = ids;
        return ids;
    }

    /// <summary>
    /// The id of <paramref name="route"/>'s key schema alone, for typed values (mapping.value=document), whose value
    /// schemas the <see cref="TypedSchemaLedger"/> keeps: the envelope's value schema must never be registered under
    /// their subject. Retries and refusals as <see cref="Resolve"/>.
    /// </summary>
    public int ResolveKey(NamespaceRoute route, CancellationToken cancellationToken)
    {
        if (!_keyIds.TryGetValue(route, out var id))
        {
            id = Register(route.Topic, isKey: true, route.Schemas.Key, cancellationToken);
            _keyIds.Add(route, id);
        }

        return id;
    }

    /// <summary>
    /// Registers <paramref name="route"/>'s schemas ahead of its first event (nothing when its ids are cached): one
    /// attempt per subject, nothing retried, nothing reported to the retry listener, since no event waits for it. Throws
    /// <see cref="RegistryRequestException"/> for any failed call and <see cref="OperationCanceledException"/>; the
    /// event path (<see cref="Resolve"/>) then registers the route as it always did.
    /// </summary>
    /// <remarks>
    /// With typed values (<paramref name="keyOnly"/>) only the key schema is registered: the value subject belongs to
    /// the <see cref="TypedSchemaLedger"/>, and an envelope registered there would make it refuse to start.
    /// </remarks>
    public void PreRegister(NamespaceRoute route, bool keyOnly, CancellationToken cancellationToken)
    {
        if (keyOnly)
        {
            if (!_keyIds.ContainsKey(route))
            {
                _keyIds.Add(route, RegisterOnce(route.Topic, isKey: true, route.Schemas.Key, cancellationToken));
            }

            return;
        }

        if (_ids.ContainsKey(route))
        {
            return;
        }

        var ids = new SchemaIds(
            RegisterOnce(route.Topic, isKey: true, route.Schemas.Key, cancellationToken),
            RegisterOnce(route.Topic, isKey: false, route.Schemas.Value, cancellationToken));
        _ids.Add(route, ids);
        SchemaIdLog.Registered(_logger, route.Topic, ids.KeyId, ids.ValueId);
    }

    private int RegisterOnce(string topic, bool isKey, AvroRecordSchema schema, CancellationToken cancellationToken) =>
        _client.RegisterAsync(SubjectNames.For(_strategy, topic, isKey, schema.FullName), schema.ToJson(), cancellationToken).GetAwaiter().GetResult();

    private int Register(string topic, bool isKey, AvroRecordSchema schema, CancellationToken cancellationToken)
    {
        var subject = SubjectNames.For(_strategy, topic, isKey, schema.FullName);
        var json = schema.ToJson();
        try
        {
            return _retrier.Run(subject, ct => _client.RegisterAsync(subject, json, ct), cancellationToken);
        }
        catch (RegistryRequestException ex)
        {
            throw new SchemaIdRegistrationException(Describe(subject, isKey, topic, ex), ex);
        }
    }

    internal static string Describe(string subject, bool isKey, string topic, RegistryRequestException ex)
    {
        var what = isKey ? "key" : "value";
        var code = ex.ErrorCode is { } errorCode ? $", error_code {errorCode}" : string.Empty;
        var fix = ex.StatusCode switch
        {
            409 => $"the subject's existing schemas are incompatible with the connector's envelope under the subject's compatibility level; "
                + $"set the subject's compatibility to NONE (PUT /config/{subject}), delete the old versions, or publish to another topic (kafka.topicPrefix / kafka.topics)",
            422 => "the registry considers the schema invalid; check that it is a Confluent-compatible registry with Avro support",
            401 => "the registry wants credentials; " + ex.AuthKind switch
            {
                RegistryAuthKind.BearerToken => "set schemaRegistry.bearerToken to a token it accepts (not expired)",
                RegistryAuthKind.OAuth => "check schemaRegistry.oauthClientId, oauthClientSecret and oauthScope with the identity provider, and that the registry accepts its tokens",
                _ => "set schemaRegistry.basicAuth to user:password",
            },
            403 => $"the registry's user may not register schemas under '{subject}'; grant it write access to the subject",
            404 => "check that schemaRegistry.url is the registry's base URL",
            _ => "check the registry's logs for the reason",
        };
        return $"Schema Registry refused the {what} schema of topic '{topic}' under subject '{subject}' (HTTP {ex.StatusCode}{code}): {ex.Message}. Fix: {fix}.";
    }
}
